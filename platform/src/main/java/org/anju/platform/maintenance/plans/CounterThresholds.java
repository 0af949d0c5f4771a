package org.anju.platform.maintenance.plans;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import org.anju.platform.storage.UnitOfWork;

/**
 * The usage counters' thresholds per community (table {@code maintenance_counter_thresholds}): a
 * community's own where it set one, the platform's default
 * ({@code maintenance.plans.counterThresholds}) otherwise. In the caller's transaction.
 */
public final class CounterThresholds {

    private CounterThresholds() {
    }

    /** Returns the thresholds in force in each community. */
    public static Map<String, Map<UsageCounter, Double>> of(UnitOfWork.Tx tx, Collection<String> communityIds,
            Map<UsageCounter, Double> defaults) throws SQLException {
        Map<String, Map<UsageCounter, Double>> byCommunity = new HashMap<>();
        for (String id : communityIds) {
            byCommunity.put(id, new EnumMap<>(defaults));
        }
        record Row(String communityId, String counter, double threshold) {
        }
        for (Row row : tx.query("""
                SELECT community_id, counter, threshold FROM maintenance_counter_thresholds WHERE community_id = ANY (?)""",
                rs -> new Row(rs.getString(1), rs.getString(2), rs.getDouble(3)),
                (Object) communityIds.toArray(String[]::new))) {
            UsageCounter.fromWireName(row.counter()).ifPresent(c -> byCommunity.get(row.communityId())
                    .put(c, row.threshold()));
        }
        return byCommunity;
    }

    /** Sets some of a community's thresholds (the others stay as they are). */
    public static void put(UnitOfWork.Tx tx, String communityId, Map<UsageCounter, Double> thresholds, String username,
            Instant now) throws SQLException {
        for (Map.Entry<UsageCounter, Double> e : thresholds.entrySet()) {
            tx.update("""
                    INSERT INTO maintenance_counter_thresholds (community_id, counter, threshold, updated_by, updated_at)
                    VALUES (?, ?, ?, ?, ?) ON CONFLICT (community_id, counter) DO UPDATE
                       SET threshold = excluded.threshold, updated_by = excluded.updated_by,
                           updated_at = excluded.updated_at""", communityId, e.getKey().wireName(), e.getValue(),
                    username, now);
        }
    }
}
