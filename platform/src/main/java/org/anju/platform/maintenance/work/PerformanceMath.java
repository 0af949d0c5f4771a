package org.anju.platform.maintenance.work;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maintainer performance from work orders, per company: on-time rate, mean time to respond and to
 * repair, repeat faults. Pure.
 */
final class PerformanceMath {

    /** A fault order followed by another on the same device within this many days is a repeat. */
    static final int REPEAT_DAYS = 30;

    private PerformanceMath() {
    }

    /**
     * Returns the performance of each company that has orders among {@code orders} (one community's,
     * opened in the window), ordered by company id, the unassigned last.
     *
     * @param today   the day it is, for orders still pending past their due day
     * @param dayZone the zone in which a completion's day is compared with the due day
     */
    static List<CompanyPerformance> of(List<WorkOrder> orders, LocalDate today, ZoneId dayZone) {
        Map<Long, Integer> repeats = repeatFaults(orders);
        Map<Long, List<WorkOrder>> byCompany = new LinkedHashMap<>();
        orders.stream().filter(o -> !o.status().equals(WorkStatus.CANCELLED.wireName()))
                .sorted(Comparator.comparing(WorkOrder::companyId, Comparator.nullsLast(Comparator.naturalOrder())))
                .forEach(o -> byCompany.computeIfAbsent(o.companyId(), k -> new ArrayList<>()).add(o));
        List<CompanyPerformance> result = new ArrayList<>();
        byCompany.forEach((company, list) -> result.add(company(company, list, repeats.getOrDefault(company, 0),
                today, dayZone)));
        return result;
    }

    private static CompanyPerformance company(Long companyId, List<WorkOrder> orders, int repeats, LocalDate today,
            ZoneId dayZone) {
        int completed = 0;
        int onTime = 0;
        int late = 0;
        List<Duration> respond = new ArrayList<>();
        List<Duration> repair = new ArrayList<>();
        for (WorkOrder o : orders) {
            if (o.startedAt() != null) {
                respond.add(Duration.between(o.openedAt(), o.startedAt()));
            }
            if (o.doneAt() != null) {
                completed++;
                repair.add(Duration.between(o.openedAt(), o.doneAt()));
                if (LocalDate.ofInstant(o.doneAt(), dayZone).isAfter(o.dueOn())) {
                    late++;
                } else {
                    onTime++;
                }
            } else if (o.dueOn().isBefore(today)) {
                late++;
            }
        }
        Double rate = onTime + late == 0 ? null : (double) onTime / (onTime + late);
        return new CompanyPerformance(companyId, orders.size(), completed, onTime, late, rate, meanHours(respond),
                meanHours(repair), repeats);
    }

    /**
     * Counts, per company, the fault orders (source alert) after which the same device had another
     * fault order opened within {@link #REPEAT_DAYS} days: the repair did not hold.
     */
    static Map<Long, Integer> repeatFaults(List<WorkOrder> orders) {
        Map<String, Instant> lastFault = new HashMap<>();
        Map<String, Long> lastCompany = new HashMap<>();
        Map<Long, Integer> repeats = new HashMap<>();
        orders.stream().filter(o -> o.source().equals("alert") && !o.status().equals(WorkStatus.CANCELLED.wireName()))
                .sorted(Comparator.comparing(WorkOrder::openedAt)).forEach(o -> {
                    Instant previous = lastFault.get(o.deviceId());
                    if (previous != null && !o.openedAt().isAfter(previous.plus(Duration.ofDays(REPEAT_DAYS)))) {
                        repeats.merge(lastCompany.get(o.deviceId()), 1, Integer::sum);
                    }
                    lastFault.put(o.deviceId(), o.openedAt());
                    lastCompany.put(o.deviceId(), o.companyId());
                });
        return repeats;
    }

    private static Double meanHours(List<Duration> durations) {
        if (durations.isEmpty()) {
            return null;
        }
        double seconds = durations.stream().mapToLong(Duration::toSeconds).average().orElseThrow();
        return Math.round(seconds / 36.0) / 100.0;
    }
}
