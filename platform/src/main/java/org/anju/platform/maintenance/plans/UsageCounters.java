package org.anju.platform.maintenance.plans;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.anju.platform.storage.UnitOfWork;
import org.anju.platform.storage.series.CounterUsage;

/**
 * Reads the usage counters of assets since their last completed maintenance, from stored telemetry
 * through {@link CounterUsage} (never another package's tables), in the caller's transaction.
 */
public final class UsageCounters {

    private static final List<String> METRICS = Arrays.stream(UsageCounter.values())
            .flatMap(c -> c.metricPatterns().stream()).distinct().toList();
    private static final List<String> EVENTS = Arrays.stream(UsageCounter.values())
            .flatMap(c -> c.eventKinds().stream()).distinct().toList();
    private static final String CONNECTOR = "connectorId";

    private UsageCounters() {
    }

    /**
     * Returns each asset's counters (those of its kind, in {@link UsageCounter} order), by device.
     *
     * @param thresholds the thresholds in force per community ({@link CounterThresholds#of})
     */
    public static Map<String, List<CounterValue>> read(UnitOfWork.Tx tx, Collection<Asset> assets,
            Map<String, Map<UsageCounter, Double>> thresholds) throws SQLException {
        Map<String, Instant> since = new HashMap<>();
        for (Asset a : assets) {
            if (Arrays.stream(UsageCounter.values()).anyMatch(c -> c.assetKind() == a.kind())) {
                since.put(a.deviceId(), a.countersSince());
            }
        }
        Map<String, Map<UsageCounter, Tally>> tallies = new HashMap<>();
        for (CounterUsage.Increase inc : CounterUsage.increases(tx, since, METRICS)) {
            for (UsageCounter c : UsageCounter.values()) {
                if (c.metricPatterns().stream().anyMatch(p -> like(p, inc.metric()))) {
                    tally(tallies, inc.deviceId(), c).add(inc.increase(), inc.restarts(), inc.first());
                }
            }
        }
        for (CounterUsage.EventCount events : CounterUsage.eventCounts(tx, since, EVENTS, CONNECTOR)) {
            for (UsageCounter c : UsageCounter.values()) {
                if (c.eventKinds().contains(events.kind())) {
                    tally(tallies, events.deviceId(), c).count(c, events.group(), events.count());
                }
            }
        }
        Map<String, List<CounterValue>> counters = new HashMap<>();
        for (Asset a : assets) {
            List<CounterValue> values = new ArrayList<>();
            Map<UsageCounter, Tally> own = tallies.getOrDefault(a.deviceId(), Map.of());
            for (UsageCounter c : UsageCounter.values()) {
                if (c.assetKind() == a.kind()) {
                    Tally t = own.getOrDefault(c, new Tally());
                    values.add(new CounterValue(c, t.value() * c.scale(), thresholds.get(a.communityId()).get(c),
                            t.restarts, a.countersSince(), t.from));
                }
            }
            counters.put(a.deviceId(), values);
        }
        return counters;
    }

    private static Tally tally(Map<String, Map<UsageCounter, Tally>> tallies, String deviceId, UsageCounter c) {
        return tallies.computeIfAbsent(deviceId, d -> new EnumMap<>(UsageCounter.class)).computeIfAbsent(c,
                k -> new Tally());
    }

    /** Whether {@code text} matches the SQL {@code LIKE} pattern (only {@code %} is used here). */
    static boolean like(String pattern, String text) {
        return Pattern.matches(Arrays.stream(pattern.split("%", -1)).map(Pattern::quote)
                .reduce((a, b) -> a + ".*" + b).orElse(""), text);
    }

    /** A counter being summed: metrics add up; events add up, or per connector keep the busiest. */
    private static final class Tally {
        double sum;
        final Map<String, Long> perGroup = new HashMap<>();
        int restarts;
        Instant from;

        void add(double increase, int restartsSeen, Instant first) {
            sum += increase;
            restarts += restartsSeen;
            if (first != null && (from == null || first.isBefore(from))) {
                from = first;
            }
        }

        void count(UsageCounter c, String group, long n) {
            perGroup.merge(c == UsageCounter.CHARGER_CONNECTOR_CYCLES ? group : "", n, Long::sum);
        }

        double value() {
            return sum + perGroup.values().stream().mapToLong(Long::longValue).max().orElse(0);
        }
    }
}
