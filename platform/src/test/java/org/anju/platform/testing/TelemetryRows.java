package org.anju.platform.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

/**
 * Writes raw telemetry straight into the table for tests that need more history than a device
 * would send in a test's lifetime: one point every {@code step} in {@code [from, to)}, the value
 * being the point's minute since the epoch modulo 1000 (whole numbers, so sums are exact).
 * Rollups are not told: rebuild them, or mark the hours.
 */
public final class TelemetryRows {

    private static final String INSERT = """
            INSERT INTO telemetry (ts, device_id, metric, value)
            SELECT g, ?, ?, (floor(extract(epoch FROM g) / 60)::bigint % 1000)::double precision
              FROM generate_series(?::timestamptz, ?::timestamptz, ?::interval) AS g
             WHERE g < ?""";

    private TelemetryRows() {
    }

    /** Inserts the points and returns how many. */
    public static int insert(DataSource ds, String deviceId, String metric, Instant from, Instant to, Duration step)
            throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, deviceId);
            ps.setString(2, metric);
            ps.setTimestamp(3, Timestamp.from(from));
            ps.setTimestamp(4, Timestamp.from(to));
            ps.setString(5, step.toSeconds() + " seconds");
            ps.setTimestamp(6, Timestamp.from(to));
            return ps.executeUpdate();
        }
    }

    /** Returns the value {@link #insert} writes for a point at {@code ts}. */
    public static double valueAt(Instant ts) {
        return Math.floorDiv(ts.getEpochSecond(), 60) % 1000;
    }
}
