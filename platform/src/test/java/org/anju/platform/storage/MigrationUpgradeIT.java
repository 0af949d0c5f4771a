package org.anju.platform.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.anju.platform.registry.PasswordHasher;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.RunningPlatform;
import org.anju.platform.testing.TestDatabases;
import org.anju.platform.testing.TestDatabases.Backend;
import org.anju.platform.testing.TestDatabases.TestDatabase;
import org.anju.platform.testing.TestSql;

/**
 * A database created at each earlier schema version, as the release of that version left it (its
 * time series made hypertables where TimescaleDB is there) and holding a community's rows, is
 * upgraded by the platform's start to the newest schema: the rows are all there, and the platform
 * works on it (log-in with a session and an audit entry, device views, events, history, alerts; a
 * device authenticating with its old credential publishes, is acknowledged, and its alarm opens an
 * alert).
 * <p>
 * Every version runs on the primary backend; the first and the newest also on every other one.
 */
@Timeout(600)
class MigrationUpgradeIT {

    private static final Pattern VERSION = Pattern.compile("V(\\d+)__.*\\.sql");
    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    /** The first schema with alert records. */
    private static final int ALERTS_SINCE = 12;
    /** The first schema with server-side sessions. */
    private static final int SESSIONS_SINCE = 20;
    /** The first schema with the audit log. */
    private static final int AUDIT_SINCE = 21;
    private static final String SECRET = "detector-secret-1";
    private static final String PASSWORD = "alice-password";
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(2));

    static Stream<Arguments> schemas() {
        List<Integer> versions = versions();
        List<Arguments> schemas = new ArrayList<>();
        for (Backend backend : TestDatabases.backends()) {
            boolean primary = backend.name().equals(TestDatabases.primary().name());
            for (int version : versions) {
                if (primary || version == versions.getFirst() || version == versions.getLast()) {
                    schemas.add(Arguments.of(version, backend));
                }
            }
        }
        return schemas.stream();
    }

    @ParameterizedTest(name = "from V{0} on {1}")
    @MethodSource("schemas")
    void aDatabaseAtAnEarlierSchemaIsUpgradedWithItsRowsAndThePlatformWorksOnIt(int version, Backend backend)
            throws Exception {
        TestDatabase db = backend.create();
        // GIVEN a database as the release of that version left it, with a community's rows
        try (HikariDataSource pool = pool(db)) {
            Database.migrations(pool).target(Integer.toString(version)).load().migrate();
            hypertablesAsThatReleaseMadeThem(pool);
            TestSql.execute(pool, rowsOfSchemaOne());
            if (version >= ALERTS_SINCE) {
                TestSql.execute(pool, """
                        INSERT INTO alerts (tenant_id, community_id, building_id, floor, address, device_id, device_type,
                                            type, severity, fire, status, opened_at, first_seen, last_seen)
                        VALUES ('acme', 'elm-court', 'elm-b1', 3, 'Elm Court, Building 1, floor 3', 'det-1',
                                'smoke_detector', 'tamper', 'major', true, 'open', now(), now(), now())""");
            }
            if (version >= SESSIONS_SINCE) {
                TestSql.execute(pool, """
                        INSERT INTO user_sessions (id, username, expires_at, source_address)
                        VALUES ('00000000-0000-0000-0000-000000000001', 'alice', now() + interval '1 hour', '10.0.0.7')""");
            }
            if (version >= AUDIT_SINCE) {
                TestSql.execute(pool, """
                        INSERT INTO audit_log (tenant_id, actor, source_address, action, target)
                        VALUES ('acme', 'alice', '10.0.0.7', 'user.created', 'alice')""");
            }
        }

        // WHEN the platform starts on it
        try (RunningPlatform running = RunningPlatform.startOn(db, Map.of())) {
            // THEN the schema is the newest and every row is there
            assertThat(running.sqlRows("SELECT max(version::int) FROM flyway_schema_history WHERE success"))
                    .containsExactly(Integer.toString(versions().getLast()));
            assertThat(running.sqlRows("SELECT count(*) FROM telemetry WHERE device_id = 'det-1'")).containsExactly("3");
            assertThat(running.sqlRows("SELECT kind, payload ->> 'smokeConcentration' FROM device_events"
                    + " WHERE device_id = 'det-1' ORDER BY ts")).containsExactly("heartbeat null", "alarm 6.2");
            assertThat(running.sqlRows("SELECT count(DISTINCT id) FROM device_events WHERE id IS NOT NULL"))
                    .as("events stored before V10 got ids").containsExactly("2");
            assertThat(running.sqlRows("SELECT latest ->> 'battery' FROM device_state WHERE device_id = 'det-1'"))
                    .containsExactly("87");

            // AND the platform works on it: a log-in opens a session and is audited (V20, V21)
            String token = running.login("alice", PASSWORD);
            assertThat(running.sqlRows("SELECT count(*) FROM user_sessions WHERE username = 'alice'"))
                    .containsExactly(version >= SESSIONS_SINCE ? "2" : "1");
            assertThat(running.sqlRows("SELECT action FROM audit_log WHERE actor = 'alice' ORDER BY id"))
                    .containsExactlyElementsOf(version >= AUDIT_SINCE ? List.of("user.created", "login") : List.of("login"));
            JsonNode device = RunningPlatform.json(running.get("/api/v1/communities/" + Fixtures.COMMUNITY + "/devices",
                    token)).get("devices").get(0);
            assertThat(device.get("id").asText()).isEqualTo("det-1");
            assertThat(device.get("latest").get("battery").asDouble()).isEqualTo(87.0);
            assertThat(RunningPlatform.json(running.get("/api/v1/devices/det-1/events", token)).get("events"))
                    .extracting(e -> e.get("kind").asText()).containsExactly("alarm", "heartbeat");
            assertThat(RunningPlatform.json(running.get("/api/v1/devices/det-1/history?metric=battery&from="
                    + T0.minusSeconds(60), token)).get("points")).hasSize(3);
            if (version >= ALERTS_SINCE) {
                assertThat(alerts(running, token)).contains("tamper open");
            }

            publishWithTheOldCredential(running);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(alerts(running, token))
                    .contains("fire_alarm open"));
            assertThat(running.sqlRows("SELECT latest ->> 'battery' FROM device_state WHERE device_id = 'det-1'"))
                    .containsExactly("86.0");
            assertThat(running.sqlRows("SELECT count(*) FROM device_events WHERE device_id = 'det-1' AND kind = 'alarm'"))
                    .containsExactly("2");
        }
    }

    /** The rows a V1 database could hold; every later schema still takes them as they are. */
    private static String rowsOfSchemaOne() {
        String hash = new PasswordHasher(Fixtures.TEST_BCRYPT_COST).hash(SECRET);
        String aliceHash = new PasswordHasher(Fixtures.TEST_BCRYPT_COST).hash(PASSWORD);
        return """
                INSERT INTO tenants (id, name) VALUES ('acme', 'Acme Property');
                INSERT INTO communities (id, tenant_id, name, address) VALUES ('elm-court', 'acme', 'Elm Court', '1 Elm Road');
                INSERT INTO buildings (id, community_id, name, floors_above, floors_below)
                    VALUES ('elm-b1', 'elm-court', 'Building 1', 6, 1);
                INSERT INTO devices (id, tenant_id, community_id, type, name, building_id, floor, location)
                    VALUES ('det-1', 'acme', 'elm-court', 'smoke_detector', 'Detector 1', 'elm-b1', 3, 'Corridor');
                INSERT INTO device_credentials (tenant_id, auth_id, device_id, secret_hash) VALUES ('acme', 'det-1', 'det-1', '%s');
                INSERT INTO users (username, display_name, password_hash, tenant_id) VALUES ('alice', 'Alice', '%s', 'acme');
                INSERT INTO user_roles (username, role) VALUES ('alice', 'property_admin');
                INSERT INTO user_communities (username, community_id) VALUES ('alice', 'elm-court');
                INSERT INTO telemetry (ts, device_id, metric, value) VALUES
                    ('%3$s', 'det-1', 'battery', 89), ('%4$s', 'det-1', 'battery', 88), ('%5$s', 'det-1', 'battery', 87);
                INSERT INTO device_events (ts, device_id, kind, payload) VALUES
                    ('%3$s', 'det-1', 'heartbeat', '{"kind": "heartbeat"}'),
                    ('%5$s', 'det-1', 'alarm', '{"kind": "alarm", "smokeConcentration": 6.2}');
                INSERT INTO device_state (device_id, last_seen, latest, latest_ts) VALUES ('det-1', '%5$s', '{"battery": 87}', '%5$s');
                """.formatted(hash, aliceHash, T0, T0.plusSeconds(60), T0.plusSeconds(120));
    }

    /** Where TimescaleDB is installed, the release of the version made the time series it had hypertables at its start. */
    private static void hypertablesAsThatReleaseMadeThem(HikariDataSource pool) {
        if (TestSql.rows(pool, "SELECT count(*) FROM pg_available_extensions WHERE name = 'timescaledb'").equals(List.of("0"))) {
            return;
        }
        TestSql.execute(pool, "CREATE EXTENSION IF NOT EXISTS timescaledb");
        for (String[] table : new String[][] {{"telemetry", "ts"}, {"device_events", "ts"}, {"telemetry_hourly", "bucket"},
                {"telemetry_daily", "bucket"}}) {
            if (TestSql.rows(pool, "SELECT to_regclass(?) IS NOT NULL", table[0]).equals(List.of("t"))) {
                TestSql.rows(pool, "SELECT create_hypertable(?::regclass, ?::name, if_not_exists => TRUE,"
                        + " migrate_data => TRUE)", table[0], table[1]);
            }
        }
    }

    /** A device of the old schema connects with the secret it was given then, and reports: telemetry and an alarm. */
    private static void publishWithTheOldCredential(RunningPlatform running) throws Exception {
        MqttAsyncClient device = new MqttAsyncClient(running.mqttUri(), "det-1", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setUserName("det-1@" + Fixtures.TENANT);
        options.setPassword(SECRET.toCharArray());
        device.connect(options).waitForCompletion(30_000);
        try {
            device.publish("telemetry", "{\"battery\": 86}".getBytes(UTF_8), 1, false).waitForCompletion(30_000);
            device.publish("event", "{\"kind\": \"alarm\", \"smokeConcentration\": 7.1}".getBytes(UTF_8), 1, false)
                    .waitForCompletion(30_000);
        } finally {
            device.disconnect().waitForCompletion(30_000);
            device.close();
        }
    }

    private static List<String> alerts(RunningPlatform running, String token) throws Exception {
        List<String> alerts = new ArrayList<>();
        RunningPlatform.json(running.get("/api/v1/alerts?deviceId=det-1", token)).get("items")
                .forEach(a -> alerts.add(a.get("type").asText() + " " + a.get("status").asText()));
        return alerts;
    }

    private static HikariDataSource pool(TestDatabase db) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(db.url());
        pool.setMaximumPoolSize(2);
        return pool;
    }

    /** Returns the versions of the migrations, in order. */
    private static List<Integer> versions() {
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            return files.map(f -> VERSION.matcher(f.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(m -> Integer.parseInt(m.group(1)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
