package org.anju.platform.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.sql.DataSource;

/**
 * What the rollups must hold, computed in Java straight from the raw rows (not from the rollup
 * SQL), and what they do hold, both as comparable lines.
 */
public final class RollupOracle {

    private RollupOracle() {
    }

    /** The expected hourly rows: "bucket device metric count min max sum last last_ts". */
    public static List<String> expectedHourly(DataSource ds) throws SQLException {
        return expected(ds, ts -> Instant.ofEpochSecond(Math.floorDiv(ts.getEpochSecond(), 3600) * 3600), false);
    }

    /** The expected daily rows (days starting at midnight in the zone), with the number of hours too. */
    public static List<String> expectedDaily(DataSource ds, ZoneId zone) throws SQLException {
        return expected(ds, ts -> ts.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant(), true);
    }

    public static List<String> actualHourly(DataSource ds) throws SQLException {
        return lines(ds, "SELECT bucket, device_id, metric, count, min, max, sum, last_value, last_ts, NULL"
                + " FROM telemetry_hourly ORDER BY bucket, device_id, metric", false);
    }

    public static List<String> actualDaily(DataSource ds) throws SQLException {
        return lines(ds, "SELECT bucket, device_id, metric, count, min, max, sum, last_value, last_ts, hours"
                + " FROM telemetry_daily ORDER BY bucket, device_id, metric", true);
    }

    private interface Bucketing {
        Instant bucket(Instant ts);
    }

    private static final class Stats {
        long count;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum;
        double last;
        Instant lastTs;
        final Set<Long> hours = new HashSet<>();

        void add(Instant ts, double value) {
            count++;
            min = Math.min(min, value);
            max = Math.max(max, value);
            sum += value;
            if (lastTs == null || ts.isAfter(lastTs) || (ts.equals(lastTs) && value > last)) {
                lastTs = ts;
                last = value;
            }
            hours.add(Math.floorDiv(ts.getEpochSecond(), 3600));
        }
    }

    private static List<String> expected(DataSource ds, Bucketing bucketing, boolean withHours) throws SQLException {
        Map<String, Stats> stats = new TreeMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT ts, device_id, metric, value FROM telemetry")) {
            while (rs.next()) {
                Instant ts = rs.getTimestamp(1).toInstant();
                String key = bucketing.bucket(ts) + " " + rs.getString(2) + " " + rs.getString(3);
                stats.computeIfAbsent(key, k -> new Stats()).add(ts, rs.getDouble(4));
            }
        }
        List<String> lines = new ArrayList<>();
        stats.forEach((key, st) -> lines.add(line(key, st.count, st.min, st.max, st.sum, st.last, st.lastTs,
                withHours ? st.hours.size() : null)));
        return lines;
    }

    private static List<String> lines(DataSource ds, String sql, boolean withHours) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                String key = rs.getTimestamp(1).toInstant() + " " + rs.getString(2) + " " + rs.getString(3);
                lines.add(line(key, rs.getLong(4), rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getDouble(8),
                        rs.getTimestamp(9).toInstant(), withHours ? rs.getInt(10) : null));
            }
        }
        lines.sort(null);
        return lines;
    }

    private static String line(String key, long count, double min, double max, double sum, double last, Instant lastTs,
            Integer hours) {
        return key + " count=" + count + " min=" + min + " max=" + max + " sum=" + sum + " last=" + last + " at " + lastTs
                + (hours == null ? "" : " hours=" + hours);
    }
}
