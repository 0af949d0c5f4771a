package org.anju.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Timeout;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.anju.platform.testing.TestDatabases;
import org.anju.platform.testing.TestDatabases.Backend;
import org.anju.platform.testing.TestDatabases.TestDatabase;

/**
 * The migrations on every backend: plain PostgreSQL keeps plain tables, TimescaleDB gets hypertables,
 * and the same bucketed query answers on both.
 */
@Timeout(300)
class SchemaIT {

    static List<Backend> backends() {
        return TestDatabases.backends();
    }

    @ParameterizedTest
    @MethodSource("backends")
    void migratesAndDetectsTimescale(Backend backend) throws SQLException {
        try (TestDatabase db = backend.create(); Database database = Database.open(db.settings())) {
            assertThat(tables(database)).contains("tenants", "communities", "buildings", "units", "devices",
                    "device_credentials", "users", "user_roles", "user_communities", "telemetry", "device_events",
                    "device_state", "telemetry_hourly", "telemetry_daily", "rollup_dirty", "rollup_pending");
            TimescaleInfo info = database.timescale();
            if (info.present()) {
                assertThat(info.license()).isPresent();
                assertThat(hypertables(database)).containsExactlyInAnyOrder("telemetry", "device_events",
                        "telemetry_hourly", "telemetry_daily");
            }
            if (backend.name().equals("external") && "1".equals(System.getenv("ANJU_TEST_EXPECT_TIMESCALE"))) {
                assertThat(info.present()).as("CI provisions TimescaleDB: the external backend must have it").isTrue();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void reopeningAnExistingSchemaIsANoOp(Backend backend) {
        try (TestDatabase db = backend.create()) {
            TimescaleInfo first;
            try (Database database = Database.open(db.settings())) {
                first = database.timescale();
            }
            try (Database again = Database.open(db.settings())) {
                assertThat(again.timescale()).isEqualTo(first);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void bucketedQueryWorksWithAndWithoutTimescale(Backend backend) throws SQLException {
        try (TestDatabase db = backend.create(); Database database = Database.open(db.settings());
                Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO telemetry (ts, device_id, metric, value) VALUES
                      ('2026-11-29T08:00:10Z', 'd1', 'battery', 90), ('2026-11-29T08:00:50Z', 'd1', 'battery', 80),
                      ('2026-11-29T08:01:10Z', 'd1', 'battery', 70)""");
            String bucket = database.timescale().timeBucket("1 minute", "ts");
            try (ResultSet rs = s.executeQuery("SELECT " + bucket + " AS b, avg(value) FROM telemetry GROUP BY b ORDER BY b")) {
                List<Double> averages = new ArrayList<>();
                while (rs.next()) {
                    averages.add(rs.getDouble(2));
                }
                assertThat(averages).containsExactly(85.0, 70.0);
            }
        }
    }

    private static List<String> tables(Database database) throws SQLException {
        return strings(database, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
    }

    private static List<String> hypertables(Database database) throws SQLException {
        return strings(database, "SELECT hypertable_name FROM timescaledb_information.hypertables");
    }

    private static List<String> strings(Database database, String sql) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }
}
