package org.anju.platform.storage.retention;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Timeout;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.anju.platform.storage.Database;
import org.anju.platform.storage.rollup.RollupTables;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.TestDatabases;
import org.anju.platform.testing.TestDatabases.Backend;
import org.anju.platform.testing.TestDatabases.TestDatabase;

/**
 * Retention on every backend (drop_chunks on TimescaleDB, range deletes on plain PostgreSQL):
 * each class goes at its own age, fire records are kept for their own (longer or shorter) time,
 * and a second run removes nothing. Ages are chosen a chunk interval clear of each cutoff, since
 * TimescaleDB drops only whole chunks.
 */
@Timeout(300)
class RetentionIT {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.HOURS);
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static List<Backend> backends() {
        return TestDatabases.backends();
    }

    @ParameterizedTest
    @MethodSource("backends")
    void eachClassExpiresAtItsOwnAgeAndFireRecordsStayAYear(Backend backend) throws SQLException {
        try (TestDatabase db = backend.create(); Database database = Database.open(db.settings())) {
            devices(database);
            // GIVEN data on both sides of every cutoff
            telemetry(database, 100, 80, 0);
            rollup(database, "telemetry_hourly", 800, 700);
            rollup(database, "telemetry_daily", 2300, 1500);
            event(database, "cam-1", 200);
            event(database, "cam-1", 100);
            event(database, "det-1", 200);
            event(database, "det-1", 500);
            event(database, "panel-1", 380);
            RetentionJob job = job(database, new RetentionPolicy(days(90), days(730), days(1826), days(180), days(400)));

            // WHEN retention runs
            job.run();

            // THEN only what is older than its class's retention is gone
            assertThat(ages(database, "SELECT ts FROM telemetry")).containsExactly(0L, 80L);
            assertThat(ages(database, "SELECT bucket FROM telemetry_hourly")).containsExactly(700L);
            assertThat(ages(database, "SELECT bucket FROM telemetry_daily")).containsExactly(1500L);
            assertThat(events(database)).containsExactly("cam-1@100", "det-1@200", "panel-1@380");

            RetentionRun again = job.run();
            assertThat(again.chunksDropped().values()).allMatch(n -> n == 0);
            assertThat(again.rowsDeleted().values()).allMatch(n -> n == 0);
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void fireRecordsGoAtTheirOwnAgeWhenOtherEventsAreKeptLonger(Backend backend) throws SQLException {
        try (TestDatabase db = backend.create(); Database database = Database.open(db.settings())) {
            devices(database);
            event(database, "cam-1", 400);
            event(database, "det-1", 400);
            event(database, "panel-1", 300);
            RetentionJob job = job(database, new RetentionPolicy(days(90), days(730), days(1826), days(1826),
                    RetentionPolicy.FIRE_RECORDS_MINIMUM));

            RetentionRun run = job.run();

            assertThat(events(database)).containsExactly("cam-1@400", "panel-1@300");
            assertThat(run.rowsDeleted(DataClass.FIRE_EVENTS)).isEqualTo(1);
        }
    }

    private static RetentionJob job(Database database, RetentionPolicy policy) {
        return new RetentionJob(database.dataSource(), database.timescale(), policy, RollupTables.PLATFORM, CLOCK);
    }

    private static Duration days(long days) {
        return Duration.ofDays(days);
    }

    private static void devices(Database database) {
        new Fixtures(database.dataSource()).device("cam-1", "camera", "pw").device("det-1", "smoke_detector", "pw")
                .device("panel-1", "fire_panel", "pw");
    }

    private static Timestamp daysAgo(long days) {
        return Timestamp.from(NOW.minus(days, ChronoUnit.DAYS));
    }

    private static void telemetry(Database database, long... ages) throws SQLException {
        for (long age : ages) {
            update(database, "INSERT INTO telemetry (ts, device_id, metric, value) VALUES (?, 'det-1', 'battery', 50)",
                    daysAgo(age));
        }
    }

    private static void rollup(Database database, String table, long... ages) throws SQLException {
        for (long age : ages) {
            update(database, "INSERT INTO " + table + " (bucket, device_id, metric, count, min, max, sum, last_value, last_ts"
                    + (table.endsWith("daily") ? ", hours) VALUES (?, 'det-1', 'battery', 1, 1, 1, 1, 1, now(), 1)"
                            : ") VALUES (?, 'det-1', 'battery', 1, 1, 1, 1, 1, now())"), daysAgo(age));
        }
    }

    private static void event(Database database, String device, long age) throws SQLException {
        update(database, "INSERT INTO device_events (ts, device_id, kind, payload) VALUES (?, '" + device
                + "', 'alarm', '{}')", daysAgo(age));
    }

    private static void update(Database database, String sql, Timestamp ts) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, ts);
            ps.executeUpdate();
        }
    }

    private static List<Long> ages(Database database, String sql) throws SQLException {
        List<Long> ages = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(sql + " ORDER BY 1 DESC"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ages.add(ChronoUnit.DAYS.between(rs.getTimestamp(1).toInstant(), NOW));
            }
        }
        return ages;
    }

    private static List<String> events(Database database) throws SQLException {
        List<String> events = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT device_id, ts FROM device_events ORDER BY device_id, ts DESC");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                events.add(rs.getString(1) + "@" + ChronoUnit.DAYS.between(rs.getTimestamp(2).toInstant(), NOW));
            }
        }
        return events;
    }
}
