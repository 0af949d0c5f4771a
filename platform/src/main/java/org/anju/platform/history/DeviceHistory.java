package org.anju.platform.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.anju.error.ServerError;
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

    private static final String RAW = """
            SELECT ts, value FROM telemetry
             WHERE device_id = ? AND metric = ? AND ts >= ? AND ts < ? ORDER BY ts LIMIT ?""";
    private static final String RAW_COUNT = """
            SELECT coalesce(sum(count), 0) FROM %s
             WHERE device_id = ? AND metric = ? AND bucket >= ? AND bucket < ?""";
    private static final String BUCKETS = """
            SELECT bucket, count, min, max, sum, last_value FROM %s
             WHERE device_id = ? AND metric = ? AND bucket >= ? AND bucket < ? ORDER BY bucket LIMIT ?""";

    private final DataSource dataSource;
    private final RollupTables rollups;
    private final RetentionPolicy retention;
    private final ZoneId dayZone;
    private final Clock clock;

    public DeviceHistory(DataSource dataSource, RollupTables rollups, RetentionPolicy retention, ZoneId dayZone,
            Clock clock) {
        this.dataSource = dataSource;
        this.rollups = rollups;
        this.retention = retention;
        this.dayZone = dayZone;
        this.clock = clock;
    }

    /**
     * Returns the history; an unknown device or metric has no points.
     *
     * @throws ServerError 503 when the database fails
     */
    public History history(HistoryQuery q) {
        try (Connection c = dataSource.getConnection()) {
            Resolution resolution = ResolutionPlanner.plan(q.from(), q.to(), clock.instant(), retention.telemetry(),
                    retention.hourly(), () -> count(c, q));
            if (resolution == Resolution.RAW) {
                List<HistoryPoint> raw = raw(c, q);
                if (raw.size() <= ResolutionPlanner.MAX_RAW_POINTS) {
                    return new History(q.deviceId(), q.metric(), q.from(), q.to(), Resolution.RAW, raw);
                }
                resolution = Resolution.HOUR;
            }
            return new History(q.deviceId(), q.metric(), q.from(), q.to(), resolution, buckets(c, q, resolution));
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private long count(Connection c, HistoryQuery q) {
        try (PreparedStatement ps = c.prepareStatement(RAW_COUNT.formatted(rollups.hourly()))) {
            bind(ps, q, q.from().truncatedTo(ChronoUnit.HOURS));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private static List<HistoryPoint> raw(Connection c, HistoryQuery q) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(RAW)) {
            bind(ps, q, q.from());
            ps.setInt(5, ResolutionPlanner.MAX_RAW_POINTS + 1);
            List<HistoryPoint> points = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    points.add(new HistoryPoint.Raw(rs.getTimestamp(1).toInstant(), rs.getDouble(2)));
                }
            }
            return points;
        }
    }

    private List<HistoryPoint> buckets(Connection c, HistoryQuery q, Resolution resolution) throws SQLException {
        boolean hourly = resolution == Resolution.HOUR;
        Instant firstBucket = hourly ? q.from().truncatedTo(ChronoUnit.HOURS)
                : q.from().atZone(dayZone).toLocalDate().atStartOfDay(dayZone).toInstant();
        try (PreparedStatement ps = c.prepareStatement(BUCKETS.formatted(hourly ? rollups.hourly() : rollups.daily()))) {
            bind(ps, q, firstBucket);
            ps.setInt(5, MAX_POINTS);
            List<HistoryPoint> points = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long count = rs.getLong(2);
                    points.add(new HistoryPoint.Bucket(rs.getTimestamp(1).toInstant(), count, rs.getDouble(3),
                            rs.getDouble(4), rs.getDouble(5) / count, rs.getDouble(6)));
                }
            }
            return points;
        }
    }

    private static void bind(PreparedStatement ps, HistoryQuery q, Instant from) throws SQLException {
        ps.setString(1, q.deviceId());
        ps.setString(2, q.metric());
        ps.setTimestamp(3, Timestamp.from(from));
        ps.setTimestamp(4, Timestamp.from(q.to()));
    }

    private static ServerError unavailable(SQLException e) {
        return ServerError.unavailable("history unavailable: " + e.getMessage(), e);
    }
}
