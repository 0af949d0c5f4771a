package org.anju.platform.storage.history;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.anju.error.ServerError;
import org.anju.platform.registry.Devices;
import org.anju.platform.storage.Sql;
import org.anju.platform.storage.SqlFailures;
import org.anju.platform.storage.UnitOfWork;
import org.anju.platform.storage.retention.RetentionPolicy;
import org.anju.platform.storage.rollup.RollupTables;

/**
 * Reads device histories for charts, at the resolution {@link ResolutionPlanner} picks.
 * <p>
 * Hourly and daily points come from the rollups, which trail ingest by up to one rollup interval;
 * a raw answer that would exceed {@link ResolutionPlanner#MAX_RAW_POINTS} (the rollups had not yet
 * counted the newest points) falls back to hourly. Methods block on JDBC: call them from a worker.
 */
public final class DeviceHistory {

    /** The most points a history ever holds. */
    public static final int MAX_POINTS = 2_500;

    private static final String WHAT = "history";
    private static final String RAW = """
            SELECT ts, value FROM telemetry
             WHERE device_id = ? AND metric = ? AND ts >= ? AND ts < ? ORDER BY ts LIMIT ?""";
    private static final String RAW_COUNT = """
            SELECT coalesce(sum(count), 0) FROM %s
             WHERE device_id = ? AND metric = ? AND bucket >= ? AND bucket < ?""";
    private static final String BUCKETS = """
            SELECT bucket, count, min, max, sum, last_value FROM %s
             WHERE device_id = ? AND metric = ? AND bucket >= ? AND bucket < ? ORDER BY bucket LIMIT ?""";

    private final UnitOfWork work;
    private final RollupTables rollups;
    private final RetentionPolicy retention;
    private final ZoneId dayZone;
    private final Clock clock;

    public DeviceHistory(UnitOfWork work, RollupTables rollups, RetentionPolicy retention, ZoneId dayZone,
            Clock clock) {
        this.work = work;
        this.rollups = rollups;
        this.retention = retention;
        this.dayZone = dayZone;
        this.clock = clock;
    }

    /** Returns the community of a device, or empty when there is no such device. */
    public Optional<String> communityOf(String deviceId) {
        return work.read(WHAT, tx -> Devices.communityOf(tx, deviceId));
    }

    /**
     * Returns the history; an unknown device or metric has no points.
     *
     * @throws ServerError 503 when the database fails
     */
    public History history(HistoryQuery q) {
        return work.read(WHAT, tx -> {
            Resolution resolution = ResolutionPlanner.plan(q.from(), q.to(), clock.instant(), retention.telemetry(),
                    retention.hourly(), () -> count(tx, q));
            if (resolution == Resolution.RAW) {
                List<HistoryPoint> raw = raw(tx, q);
                if (raw.size() <= ResolutionPlanner.MAX_RAW_POINTS) {
                    return new History(q.deviceId(), q.metric(), q.from(), q.to(), Resolution.RAW, raw);
                }
                resolution = Resolution.HOUR;
            }
            return new History(q.deviceId(), q.metric(), q.from(), q.to(), resolution, buckets(tx, q, resolution));
        });
    }

    private long count(UnitOfWork.Tx tx, HistoryQuery q) {
        try {
            return tx.one(RAW_COUNT.formatted(rollups.hourly()), rs -> rs.getLong(1), q.deviceId(), q.metric(),
                    q.from().truncatedTo(ChronoUnit.HOURS), q.to()).orElseThrow();
        } catch (SQLException e) {
            // the planner's callback cannot throw it; mapped here as the unit of work maps the others
            throw SqlFailures.toServerError(WHAT, e);
        }
    }

    private static List<HistoryPoint> raw(UnitOfWork.Tx tx, HistoryQuery q) throws SQLException {
        return tx.query(RAW, rs -> new HistoryPoint.Raw(Sql.instant(rs, "ts"), rs.getDouble(2)), q.deviceId(), q.metric(),
                q.from(), q.to(), ResolutionPlanner.MAX_RAW_POINTS + 1);
    }

    private List<HistoryPoint> buckets(UnitOfWork.Tx tx, HistoryQuery q, Resolution resolution) throws SQLException {
        boolean hourly = resolution == Resolution.HOUR;
        Instant firstBucket = hourly ? q.from().truncatedTo(ChronoUnit.HOURS)
                : q.from().atZone(dayZone).toLocalDate().atStartOfDay(dayZone).toInstant();
        return tx.query(BUCKETS.formatted(hourly ? rollups.hourly() : rollups.daily()), rs -> {
            long count = rs.getLong(2);
            return new HistoryPoint.Bucket(Sql.instant(rs, "bucket"), count, rs.getDouble(3), rs.getDouble(4),
                    rs.getDouble(5) / count, rs.getDouble(6));
        }, q.deviceId(), q.metric(), firstBucket, q.to(), MAX_POINTS);
    }
}
