package org.anju.platform.storage.series;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.anju.platform.storage.Sql;
import org.anju.platform.storage.UnitOfWork;

/**
 * Usage since an instant per device, from what is stored (the maintenance usage counters): the
 * increase of cumulative device counters (trips, door cycles, run hours, energy registers), and
 * counts of events (charging sessions, locker doors).
 * <p>
 * A cumulative counter's usage is the sum of its increments between consecutive readings; a reading
 * below the one before is a restart from 0 (a counter reset or a replaced device), so its increment
 * is the reading itself, never a negative one. Usage counts from the first reading at or after the
 * instant. Raw readings are kept {@code retention.telemetry}: usage since an older instant counts
 * from the oldest kept reading ({@link Increase#first()} tells from when).
 */
public final class CounterUsage {

    private static final String INCREASE = """
            WITH since AS (SELECT * FROM unnest(?::text[], ?::timestamptz[]) AS s(device_id, since)),
            readings AS (
              SELECT t.device_id, t.metric, t.ts, t.value,
                     lag(t.value) OVER (PARTITION BY t.device_id, t.metric ORDER BY t.ts) AS previous
                FROM telemetry t JOIN since s ON s.device_id = t.device_id AND t.ts >= s.since
               WHERE t.metric LIKE ANY (?))
            SELECT device_id, metric,
                   coalesce(sum(CASE WHEN value >= previous THEN value - previous ELSE value END)
                            FILTER (WHERE previous IS NOT NULL), 0),
                   count(*) FILTER (WHERE value < previous), count(*), min(ts) AS first_ts, max(ts) AS last_ts
              FROM readings GROUP BY device_id, metric""";

    private static final String EVENTS = """
            WITH since AS (SELECT * FROM unnest(?::text[], ?::timestamptz[]) AS s(device_id, since))
            SELECT e.device_id, e.kind, coalesce(e.payload ->> ?, ''), count(*)
              FROM device_events e JOIN since s ON s.device_id = e.device_id AND e.ts >= s.since
             WHERE e.kind = ANY (?)
             GROUP BY 1, 2, 3""";

    /**
     * The increase of one cumulative counter.
     *
     * @param increase the sum of increments, restarts counted from 0
     * @param restarts readings below the one before (resets, replaced devices)
     * @param readings readings counted
     * @param first    the first reading counted
     * @param last     the last reading counted
     */
    public record Increase(String deviceId, String metric, double increase, int restarts, int readings, Instant first,
            Instant last) {
    }

    /** Events of one kind of one device, per value of a payload field ({@code ""} when absent). */
    public record EventCount(String deviceId, String kind, String group, long count) {
    }

    private CounterUsage() {
    }

    /**
     * Returns the increase of each cumulative metric matching one of {@code metricPatterns} (SQL
     * {@code LIKE}) of each device since its instant in {@code since}. Runs in the caller's transaction.
     */
    public static List<Increase> increases(UnitOfWork.Tx tx, Map<String, Instant> since, List<String> metricPatterns)
            throws SQLException {
        if (since.isEmpty()) {
            return List.of();
        }
        List<String> devices = new ArrayList<>(since.keySet());
        return tx.query(INCREASE, rs -> new Increase(rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getInt(4),
                rs.getInt(5), Sql.instant(rs, "first_ts"), Sql.instant(rs, "last_ts")),
                Sql.array(tx.connection(), "text", devices),
                Sql.column(tx.connection(), "timestamptz", devices, since::get),
                (Object) metricPatterns.toArray(String[]::new));
    }

    /**
     * Counts the events of {@code kinds} of each device since its instant, per value of the payload
     * field {@code groupBy} (e.g. a charger's {@code connectorId}). Runs in the caller's transaction.
     */
    public static List<EventCount> eventCounts(UnitOfWork.Tx tx, Map<String, Instant> since, List<String> kinds,
            String groupBy) throws SQLException {
        if (since.isEmpty()) {
            return List.of();
        }
        List<String> devices = new ArrayList<>(since.keySet());
        return tx.query(EVENTS, rs -> new EventCount(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)),
                Sql.array(tx.connection(), "text", devices),
                Sql.column(tx.connection(), "timestamptz", devices, since::get), groupBy,
                (Object) kinds.toArray(String[]::new));
    }
}
