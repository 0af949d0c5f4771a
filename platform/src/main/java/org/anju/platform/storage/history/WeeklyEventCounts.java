package org.anju.platform.storage.history;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.anju.platform.storage.Sql;
import org.anju.platform.storage.UnitOfWork;

/**
 * Counts device events per device and local week, for trends in how often something happens (the
 * maintenance forecasts' door faults per week). Events are sparse, so counting them is cheap next
 * to reading telemetry; only devices with at least one matching event appear.
 */
public final class WeeklyEventCounts {

    private static final String SQL = """
            SELECT device_id, ((ts AT TIME ZONE ?)::date - ?::date) / 7 AS week, count(*)
              FROM device_events
             WHERE kind = ? AND ts >= ? AND ts < ? AND payload ->> ? = ANY (?)
             GROUP BY 1, 2""";

    private WeeklyEventCounts() {
    }

    /**
     * Returns, per device, the number of events of {@code kind} whose payload field {@code field}
     * is one of {@code values}, in each of the {@code weeks} weeks from {@code firstWeekStart}
     * (local days in {@code zone}); index 0 is the first week. Runs in the caller's transaction.
     */
    public static Map<String, int[]> count(UnitOfWork.Tx tx, String kind, String field, List<String> values,
            LocalDate firstWeekStart, int weeks, ZoneId zone) throws SQLException {
        Map<String, int[]> counts = new HashMap<>();
        Sql.forEach(tx.connection(), SQL, 1_000, rs -> {
            int week = rs.getInt(2);
            if (week >= 0 && week < weeks) {
                counts.computeIfAbsent(rs.getString(1), d -> new int[weeks])[week] = rs.getInt(3);
            }
        }, zone.getId(), firstWeekStart, kind, firstWeekStart.atStartOfDay(zone).toInstant(),
                firstWeekStart.plusWeeks(weeks).atStartOfDay(zone).toInstant(), field, values.toArray(String[]::new));
        return counts;
    }
}
