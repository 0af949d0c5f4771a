package org.anju.platform.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Detects TimescaleDB and makes the time-series tables hypertables when it is there.
 * <p>
 * Run at every start, after the migrations, rather than inside one: a database that gains the
 * extension later is converted on its next start. Every step is idempotent.
 */
final class Hypertables {

    private static final Logger LOG = LoggerFactory.getLogger(Hypertables.class);

    /*
     * Chunk intervals: a chunk (with its indexes) should fit comfortably in memory while being
     * written. At 100k points/s a day of telemetry is ~8.6e9 rows, too much for one chunk; one hour
     * (~3.6e8 rows, ~30 GB) is the largest sensible, and a community-scale deployment writes far
     * less, so 6 h keeps the chunk count low there. Events are two to three orders of magnitude
     * rarer than data points: 7 days. The rollups hold one row per device, metric and bucket: 10,000
     * devices with 5 metrics make 1.2M hourly rows a day, so 30 days (~36M rows) per hourly chunk and
     * a year (~18M rows) per daily chunk. Retention drops whole chunks, so a class is kept up to one
     * chunk interval beyond its setting (see docs/storage.md).
     */
    private static final String TELEMETRY_CHUNK = "6 hours";
    private static final String EVENTS_CHUNK = "7 days";
    private static final String HOURLY_CHUNK = "30 days";
    private static final String DAILY_CHUNK = "365 days";

    private Hypertables() {
    }

    static TimescaleInfo ensure(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            if (!available(s)) {
                return TimescaleInfo.ABSENT;
            }
            s.execute("CREATE EXTENSION IF NOT EXISTS timescaledb");
            TimescaleInfo info = info(s);
            hypertable(s, "telemetry", "ts", TELEMETRY_CHUNK);
            hypertable(s, "device_events", "ts", EVENTS_CHUNK);
            hypertable(s, "telemetry_hourly", "bucket", HOURLY_CHUNK);
            hypertable(s, "telemetry_daily", "bucket", DAILY_CHUNK);
            return info;
        } catch (SQLException e) {
            throw new IllegalStateException("TimescaleDB is installed but could not be used: " + e.getMessage(), e);
        }
    }

    private static void hypertable(Statement s, String table, String timeColumn, String chunkInterval)
            throws SQLException {
        s.execute("SELECT create_hypertable('" + table + "', '" + timeColumn + "', chunk_time_interval => INTERVAL '"
                + chunkInterval + "', if_not_exists => TRUE, migrate_data => TRUE)");
    }

    private static boolean available(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'")) {
            if (rs.next()) {
                return true;
            }
        }
        LOG.info("TimescaleDB extension not available: time series stay plain PostgreSQL tables");
        return false;
    }

    private static TimescaleInfo info(Statement s) throws SQLException {
        String version;
        try (ResultSet rs = s.executeQuery("SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'")) {
            rs.next();
            version = rs.getString(1);
        }
        String license;
        try (ResultSet rs = s.executeQuery("SELECT current_setting('timescaledb.license', true)")) {
            rs.next();
            license = rs.getString(1);
        }
        return new TimescaleInfo(Optional.of(version), Optional.ofNullable(license));
    }
}
