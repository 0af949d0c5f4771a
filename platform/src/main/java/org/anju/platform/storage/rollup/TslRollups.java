package org.anju.platform.storage.rollup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.error.ServerError;

/**
 * The rollups on TimescaleDB's TSL edition: continuous aggregates (hourly on telemetry, daily on
 * the hourly one) refreshed by policies, and compression policies for raw telemetry and events.
 * Chosen by detection ({@code timescaledb.license = timescale}), never by configuration.
 * <p>
 * UNTESTED: the build and CI machines run the Apache-2 edition, which has none of these features.
 * Everything here is idempotent ({@code IF NOT EXISTS}, {@code if_not_exists => true}).
 */
final class TslRollups implements Rollups {

    private static final Logger LOG = LoggerFactory.getLogger(TslRollups.class);
    private static final String HOURLY = "telemetry_hourly_ca";
    private static final String DAILY = "telemetry_daily_ca";
    // raw chunks are compressed once a late reading for them has become unlikely; events later still
    private static final String COMPRESS_TELEMETRY_AFTER = "7 days";
    private static final String COMPRESS_EVENTS_AFTER = "30 days";

    private final DataSource dataSource;
    private final RollupTables tables;

    private TslRollups(DataSource dataSource, RollupTables tables) {
        this.dataSource = dataSource;
        this.tables = tables;
    }

    static TslRollups open(DataSource dataSource, RollupSettings settings) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("""
                    CREATE MATERIALIZED VIEW IF NOT EXISTS %s
                    WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
                    SELECT time_bucket(INTERVAL '1 hour', ts) AS bucket, device_id, metric,
                           count(*) AS count, min(value) AS min, max(value) AS max, sum(value) AS sum,
                           last(value, ts) AS last_value, max(ts) AS last_ts
                      FROM telemetry GROUP BY 1, device_id, metric
                    WITH NO DATA""".formatted(HOURLY));
            s.execute("""
                    CREATE MATERIALIZED VIEW IF NOT EXISTS %s
                    WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
                    SELECT time_bucket(INTERVAL '1 day', bucket, '%s') AS bucket, device_id, metric,
                           count(*)::integer AS hours, sum(count)::bigint AS count, min(min) AS min, max(max) AS max,
                           sum(sum) AS sum, last(last_value, last_ts) AS last_value, max(last_ts) AS last_ts
                      FROM %s GROUP BY 1, device_id, metric
                    WITH NO DATA""".formatted(DAILY, settings.dayZone().getId(), HOURLY));
            // raw data older than its retention is gone: refreshing over it would empty the aggregates
            s.execute(refreshPolicy(HOURLY, settings.rawKeptFor(), Duration.ofHours(1), settings.interval()));
            s.execute(refreshPolicy(DAILY, settings.hourlyKeptFor(), Duration.ofDays(1), settings.interval()));
            compress(c, "telemetry", "device_id, metric", "ts DESC", COMPRESS_TELEMETRY_AFTER);
            compress(c, "device_events", "device_id", "ts DESC, id DESC", COMPRESS_EVENTS_AFTER);
            RollupTables tables = new RollupTables(HOURLY, DAILY, materialization(c, HOURLY), materialization(c, DAILY));
            LOG.info("TSL edition: rollups are continuous aggregates, raw telemetry and events are compressed [{}]", tables);
            return new TslRollups(dataSource, tables);
        } catch (SQLException e) {
            throw ServerError.unavailable("cannot set up continuous aggregates and compression: " + e.getMessage(), e);
        }
    }

    @Override
    public RollupTables tables() {
        return tables;
    }

    /** The aggregates refresh themselves; the marks ingest writes are not needed and are discarded. */
    @Override
    public RollupRun run() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            int discarded = s.executeUpdate("DELETE FROM rollup_dirty");
            return new RollupRun(0, discarded, 0, 0);
        } catch (SQLException e) {
            throw ServerError.unavailable("rollup marks could not be discarded: " + e.getMessage(), e);
        }
    }

    @Override
    public void rebuild(Instant from, Instant to) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true); // refresh_continuous_aggregate refuses to run inside a transaction
            refresh(c, HOURLY, from, to);
            refresh(c, DAILY, from.minus(Duration.ofDays(1)), to.plus(Duration.ofDays(1)));
        } catch (SQLException e) {
            throw ServerError.unavailable("continuous aggregate refresh failed: " + e.getMessage(), e);
        }
    }

    private static String refreshPolicy(String view, Duration startOffset, Duration endOffset, Duration every) {
        return "SELECT add_continuous_aggregate_policy('" + view + "', start_offset => INTERVAL '" + startOffset.toSeconds()
                + " seconds', end_offset => INTERVAL '" + endOffset.toSeconds() + " seconds', schedule_interval => INTERVAL '"
                + every.toSeconds() + " seconds', if_not_exists => true)";
    }

    /** Enables compression once (changing it with compressed chunks present is refused) and adds its policy. */
    private static void compress(Connection c, String table, String segmentBy, String orderBy, String after)
            throws SQLException {
        boolean enabled;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT compression_enabled FROM timescaledb_information.hypertables WHERE hypertable_name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                enabled = rs.next() && rs.getBoolean(1);
            }
        }
        try (Statement s = c.createStatement()) {
            if (!enabled) {
                s.execute("ALTER TABLE " + table + " SET (timescaledb.compress, timescaledb.compress_segmentby = '"
                        + segmentBy + "', timescaledb.compress_orderby = '" + orderBy + "')");
            }
            s.execute("SELECT add_compression_policy('" + table + "', compress_after => INTERVAL '" + after
                    + "', if_not_exists => true)");
        }
    }

    private static void refresh(Connection c, String view, Instant from, Instant to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("CALL refresh_continuous_aggregate(?::regclass, ?::timestamptz, ?::timestamptz)")) {
            ps.setString(1, view);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(to));
            ps.execute();
        }
    }

    private static String materialization(Connection c, String view) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT format('%I.%I', materialization_hypertable_schema, materialization_hypertable_name)
                  FROM timescaledb_information.continuous_aggregates WHERE view_name = ?""")) {
            ps.setString(1, view);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : view;
            }
        }
    }
}
