package org.anju.platform.storage.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.anju.platform.storage.Sql;
import org.anju.platform.storage.UnitOfWork;

/**
 * Reads the raw points of many (device, metric, time range) at once, in the caller's transaction:
 * one statement for a whole batch (e.g. the meter values of a batch of charging sessions), each
 * range served by the {@code (device_id, metric, ts)} index.
 */
public final class SeriesRanges {

    /** One device's metric between two instants, both included. */
    public record Range(String deviceId, String metric, Instant from, Instant to) {
    }

    /** A raw point. */
    public record Point(Instant ts, double value) {
    }

    private SeriesRanges() {
    }

    /** Returns the points of each range, in the ranges' order, each in time order. */
    public static List<List<Point>> points(UnitOfWork.Tx tx, List<Range> ranges) throws SQLException {
        List<List<Point>> points = new ArrayList<>(ranges.size());
        ranges.forEach(r -> points.add(new ArrayList<>()));
        if (ranges.isEmpty()) {
            return points;
        }
        List<Integer> index = new ArrayList<>(ranges.size());
        for (int i = 0; i < ranges.size(); i++) {
            index.add(i);
        }
        Connection c = tx.connection();
        tx.query("""
                SELECT r.i, t.ts, t.value
                  FROM unnest(?::int4[], ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[]) AS r(i, device_id, metric, f, u)
                  JOIN telemetry t ON t.device_id = r.device_id AND t.metric = r.metric AND t.ts >= r.f AND t.ts <= r.u
                 WHERE t.ts >= ? AND t.ts <= ?
                 ORDER BY r.i, t.ts""",
                rs -> points.get(rs.getInt(1)).add(new Point(Sql.instant(rs, "ts"), rs.getDouble(3))),
                Sql.array(c, "int4", index), Sql.column(c, "text", ranges, Range::deviceId),
                Sql.column(c, "text", ranges, Range::metric), Sql.column(c, "timestamptz", ranges, Range::from),
                Sql.column(c, "timestamptz", ranges, Range::to),
                // the batch's whole span as constants: TimescaleDB then reads only the chunks it covers
                ranges.stream().map(Range::from).min(Instant::compareTo).orElseThrow(),
                ranges.stream().map(Range::to).max(Instant::compareTo).orElseThrow());
        return points;
    }
}
