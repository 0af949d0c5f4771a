package org.anju.platform.history;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.anju.error.ClientError;
import org.anju.error.ServerError;
import org.anju.platform.query.QueryParams;
import org.anju.platform.storage.UnitOfWork;
import org.anju.platform.storage.retention.RetentionPolicy;
import org.anju.platform.storage.rollup.RollupTables;

/**
 * Reads device histories for charts, at the resolution {@link ResolutionPlanner} picks or the
 * request names.
 * <p>
 * Hourly and daily points come from the rollups, which trail ingest by up to one rollup interval;
 * a raw answer that would exceed {@link ResolutionPlanner#MAX_RAW_POINTS} (the rollups had not yet
 * counted the newest points) falls back to hourly. Methods block on JDBC: call them from a worker.
 */
public final class DeviceHistory {

    /** The most points a history ever holds. */
    public static final int MAX_POINTS = 2_500;

    private static final String RAW = """
            SELECT ts, value FROM telemetry
             WHERE device_id = ? AND metric = ? AND ts >= ? AND ts < ? ORDER BY ts LIMIT ?""";
    private static final String RAW_COUNT = """
            SELECT coalesce(sum(count), 0) FROM %s
             WHERE device_id = ? AND metric = ? AND bucket >= ? AND bucket < ?""";
    private static final String BUCKETS = """
            SELECT bucket, count, min, max, sum, last_value FROM %s
             WHERE device_id = ? AND metric = ? AND bucket >= ? AND bucket < ? ORDER BY bucket LIMIT ?""";
    private static final String WHAT = "history";

    private final UnitOfWork db;
    private final RollupTables rollups;
    private final RetentionPolicy retention;
    private final ZoneId dayZone;
    private final Clock clock;
    private final HistoryLimits limits;

    /**
     * @param db a unit of work of the report class (its statement timeout bounds one history)
     */
    public DeviceHistory(UnitOfWork db, RollupTables rollups, RetentionPolicy retention, ZoneId dayZone, Clock clock,
            HistoryLimits limits) {
        this.db = db;
        this.rollups = rollups;
        this.retention = retention;
        this.dayZone = dayZone;
        this.clock = clock;
        this.limits = limits;
    }

    /** Returns the limits requests are read with. */
    public HistoryLimits limits() {
        return limits;
    }

    /**
     * Returns the history; an unknown device or metric has no points.
     *
     * @throws ClientError  400 when a raw history was asked for a range with more raw points than one history holds
     * @throws ServerError 503 when the database fails, 504 when the report's statement timeout ran out
     */
    public History history(HistoryQuery q) {
        return db.read(WHAT, tx -> {
            Resolution resolution = q.resolution() != null ? q.resolution() : plan(tx, q);
            if (resolution == Resolution.RAW) {
                List<HistoryPoint> raw = raw(tx, q);
                if (raw.size() <= ResolutionPlanner.MAX_RAW_POINTS) {
                    return history(q, Resolution.RAW, raw);
                }
                if (q.resolution() == Resolution.RAW) {
                    throw ClientError.badRequest("range of " + QueryParams.describe(q.range().span()) + " holds more than "
                            + ResolutionPlanner.MAX_RAW_POINTS + " raw points, the most a raw history holds: ask a"
                            + " shorter range or resolution hour (parameters 'from', 'to' and 'resolution')");
                }
                resolution = Resolution.HOUR;
            }
            return history(q, resolution, buckets(tx, q, resolution));
        });
    }

    private static History history(HistoryQuery q, Resolution resolution, List<HistoryPoint> points) {
        return new History(q.deviceId(), q.metric(), q.range().from(), q.range().to(), resolution, points);
    }

    private Resolution plan(UnitOfWork.Tx tx, HistoryQuery q) throws SQLException {
        try {
            return ResolutionPlanner.plan(q.range().from(), q.range().to(), clock.instant(), retention.telemetry(),
                    retention.hourly(), limits, () -> count(tx, q));
        } catch (CountFailed e) {
            throw e.getCause();
        }
    }

    private long count(UnitOfWork.Tx tx, HistoryQuery q) {
        try {
            return tx.one(RAW_COUNT.formatted(rollups.hourly()), rs -> rs.getLong(1), q.deviceId(), q.metric(),
                    q.range().from().truncatedTo(ChronoUnit.HOURS), q.range().to()).orElse(0L);
        } catch (SQLException e) {
            throw new CountFailed(e);
        }
    }

    private static List<HistoryPoint> raw(UnitOfWork.Tx tx, HistoryQuery q) throws SQLException {
        return tx.query(RAW, rs -> new HistoryPoint.Raw(rs.getTimestamp(1).toInstant(), rs.getDouble(2)), q.deviceId(),
                q.metric(), q.range().from(), q.range().to(), ResolutionPlanner.MAX_RAW_POINTS + 1);
    }

    private List<HistoryPoint> buckets(UnitOfWork.Tx tx, HistoryQuery q, Resolution resolution) throws SQLException {
        boolean hourly = resolution == Resolution.HOUR;
        Instant from = q.range().from();
        Instant firstBucket = hourly ? from.truncatedTo(ChronoUnit.HOURS)
                : from.atZone(dayZone).toLocalDate().atStartOfDay(dayZone).toInstant();
        return tx.query(BUCKETS.formatted(hourly ? rollups.hourly() : rollups.daily()), rs -> {
            long count = rs.getLong(2);
            return new HistoryPoint.Bucket(rs.getTimestamp(1).toInstant(), count, rs.getDouble(3), rs.getDouble(4),
                    rs.getDouble(5) / count, rs.getDouble(6));
        }, q.deviceId(), q.metric(), firstBucket, q.range().to(), MAX_POINTS);
    }

    /** Carries the count's database failure through the planner, which takes a plain supplier. */
    private static final class CountFailed extends RuntimeException {

        CountFailed(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }
}
