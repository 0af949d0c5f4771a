package org.anju.platform.storage.rollup;

import org.anju.platform.storage.TimescaleInfo;

/**
 * The SQL of the platform-maintained rollups, in one place.
 * <p>
 * "last" is the value with the newest ts, ties broken by the larger value, so that recomputing
 * the same rows always gives the same answer on every backend ({@code array_agg} rather than
 * TimescaleDB's {@code last()}, whose tie-break is unspecified).
 */
final class RollupSql {

    /** Waits for every transaction that wrote marks to commit, and keeps new ones out until this one ends. */
    static final String LOCK_MARKS = "LOCK TABLE rollup_dirty IN EXCLUSIVE MODE";
    static final String LOCK_TIMEOUT = "SET LOCAL lock_timeout = '10s'";
    /** Tells writers that the marks they remember have been taken (see {@link RollupMarks}). */
    static final String BUMP_EPOCH = "UPDATE rollup_epoch SET epoch = epoch + 1";
    static final String MOVE_MARKS = """
            WITH moved AS (DELETE FROM rollup_dirty RETURNING bucket, device_id)
            INSERT INTO rollup_pending (bucket, device_id) SELECT bucket, device_id FROM moved
            ON CONFLICT DO NOTHING""";
    static final String DISCARD_STALE = "DELETE FROM rollup_pending WHERE bucket < ?";
    static final String EARLIEST_PENDING = "SELECT min(bucket) FROM rollup_pending";
    static final String PENDING_IN = """
            SELECT bucket, device_id FROM rollup_pending WHERE bucket >= ? AND bucket < ?
             ORDER BY bucket, device_id LIMIT ?""";
    static final String FORGET_PENDING = """
            DELETE FROM rollup_pending p USING unnest(?::bigint[], ?::text[]) AS f(hour, device_id)
             WHERE p.bucket = to_timestamp(f.hour) AND p.device_id = f.device_id""";
    static final String ADVISORY_LOCK = "SELECT pg_advisory_xact_lock(?)";

    private static final String DEVICES = " AND device_id = ANY (?)";

    private final String hourBucket;

    RollupSql(TimescaleInfo timescale) {
        this.hourBucket = timescale.timeBucket("1 hour", "ts");
    }

    /** Parameters: from, to[, devices]. */
    String deleteHourly(boolean someDevices) {
        return "DELETE FROM telemetry_hourly WHERE bucket >= ? AND bucket < ?" + (someDevices ? DEVICES : "");
    }

    /** Parameters: from, to[, devices]. */
    String insertHourly(boolean someDevices) {
        return """
                INSERT INTO telemetry_hourly (bucket, device_id, metric, count, min, max, sum, last_value, last_ts)
                SELECT %s, device_id, metric, count(*), min(value), max(value), sum(value),
                       (array_agg(value ORDER BY ts DESC, value DESC))[1], max(ts)
                  FROM telemetry
                 WHERE ts >= ? AND ts < ?%s
                 GROUP BY 1, device_id, metric""".formatted(hourBucket, someDevices ? DEVICES : "");
    }

    /** Parameters: from, to[, devices]. */
    String deleteDaily(boolean someDevices) {
        return "DELETE FROM telemetry_daily WHERE bucket >= ? AND bucket < ?" + (someDevices ? DEVICES : "");
    }

    /** Parameters: zone, from, to[, devices]. */
    String insertDaily(boolean someDevices) {
        return """
                INSERT INTO telemetry_daily (bucket, device_id, metric, hours, count, min, max, sum, last_value, last_ts)
                SELECT date_trunc('day', bucket, ?), device_id, metric, count(*), sum(count), min(min), max(max),
                       sum(sum), (array_agg(last_value ORDER BY last_ts DESC, last_value DESC))[1], max(last_ts)
                  FROM telemetry_hourly
                 WHERE bucket >= ? AND bucket < ?%s
                 GROUP BY 1, device_id, metric""".formatted(someDevices ? DEVICES : "");
    }
}
