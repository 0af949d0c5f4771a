package org.anju.platform.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.anju.error.ClientError;
import org.anju.error.ServerError;
import org.anju.platform.storage.Database;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.TestDatabases;
import org.anju.platform.testing.TestDatabases.Backend;
import org.anju.platform.testing.TestDatabases.TestDatabase;
import org.anju.protocol.DeviceMessage;
import org.anju.protocol.Endpoint;
import org.anju.platform.registry.DeviceRegistry;
import org.anju.protocol.DeviceType;
import org.anju.protocol.catalogue.DeviceCatalogue;

/**
 * Ingest on every backend: what is acknowledged is committed, state is coalesced per device,
 * bad payloads are refused, and a broken database fails messages instead of acknowledging them.
 */
@Timeout(300)
class TelemetryIngestIT {

    private static final IngestSettings SETTINGS = new IngestSettings(1000, Duration.ofMillis(5), 1000);
    private static final String ELEVATOR_STATUS = """
            {"serviceMode": "normal", "running": false, "direction": "none", "floor": 7, "doorZone": true,
             "doorsClosed": true, "passengerPresent": true}""";
    private static final Instant T0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES).minusSeconds(3600);

    static List<Backend> backends() {
        return TestDatabases.backends();
    }

    @ParameterizedTest
    @MethodSource("backends")
    void acknowledgedMessagesAreCommittedAndStateCoalesced(Backend backend) throws Exception {
        try (TestDatabase db = backend.create(); Database database = Database.open(db.settings())) {
            new Fixtures(database.dataSource()).device("det-1", "smoke_detector", "pw").device("lift-2", "elevator", "pw");
            List<Set<String>> committed = new CopyOnWriteArrayList<>();
            try (TelemetryIngest ingest = ingest(database.dataSource(), committed::add)) {
                ingest.start();
                List<Future<Void>> acks = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    acks.add(ingest.send(telemetry("det-1", T0.plusSeconds(i), "{\"battery\": " + (100 - i) + "}")));
                }
                acks.add(ingest.send(telemetry("lift-2", T0, ELEVATOR_STATUS)));
                acks.add(ingest.send(event("det-1", "{\"kind\": \"alarm\", \"smokeConcentration\": 6.2}")));
                await(Future.all(acks));
            }

            assertThat(count(database, "SELECT count(*) FROM telemetry WHERE device_id = 'det-1' AND metric = 'battery'"))
                    .isEqualTo(50);
            assertThat(count(database, "SELECT count(*) FROM telemetry WHERE device_id = 'det-1' AND metric = 'smokeConcentration'"))
                    .as("the alarm's measurement is a data point too").isEqualTo(1);
            assertThat(count(database, "SELECT count(*) FROM device_events WHERE device_id = 'det-1' AND kind = 'alarm'"))
                    .isEqualTo(1);
            assertThat(text(database, "SELECT latest ->> 'battery' FROM device_state WHERE device_id = 'det-1'"))
                    .isEqualTo("51.0");
            assertThat(text(database, "SELECT latest ->> 'passengerPresent' FROM device_state WHERE device_id = 'lift-2'"))
                    .isEqualTo("1.0");
            assertThat(text(database, "SELECT status ->> 'serviceMode' FROM device_state WHERE device_id = 'lift-2'"))
                    .isEqualTo("normal");
            assertThat(committed.stream().flatMap(Set::stream)).contains("det-1", "lift-2");
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void eachMetricKeepsItsNewestValueWhateverOrderBatchesCommitIn(Backend backend) throws Exception {
        try (TestDatabase db = backend.create(); Database database = Database.open(db.settings())) {
            new Fixtures(database.dataSource()).device("det-1", "smoke_detector", "pw");
            try (TelemetryIngest ingest = ingest(database.dataSource(), ids -> { })) {
                ingest.start();
                await(ingest.send(telemetry("det-1", T0, "{\"battery\": 90, \"smokeConcentration\": 0.1}")));
                // an alarm (events lane) measured after the next reading commits before it
                await(ingest.send(event("det-1", "{\"kind\": \"alarm\", \"ts\": \"" + T0.plusSeconds(100)
                        + "\", \"smokeConcentration\": 6.2}")));
                await(ingest.send(telemetry("det-1", T0.plusSeconds(50), "{\"battery\": 80, \"smokeConcentration\": 0.3}")));
            }

            assertThat(text(database, "SELECT latest ->> 'battery' FROM device_state WHERE device_id = 'det-1'"))
                    .as("the reading at +50 s is the newest battery value").isEqualTo("80.0");
            assertThat(text(database, "SELECT latest ->> 'smokeConcentration' FROM device_state WHERE device_id = 'det-1'"))
                    .as("the alarm at +100 s is the newest smoke value").isEqualTo("6.2");
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void lateDataDoesNotOverwriteNewerState(Backend backend) throws Exception {
        try (TestDatabase db = backend.create(); Database database = Database.open(db.settings())) {
            new Fixtures(database.dataSource()).device("lift-1", "elevator", "pw");
            try (TelemetryIngest ingest = ingest(database.dataSource(), ids -> { })) {
                ingest.start();
                await(ingest.send(telemetry("lift-1", T0.plusSeconds(60), ELEVATOR_STATUS.replace("\"floor\": 7", "\"floor\": 9")
                        .replace("\"direction\": \"none\"", "\"direction\": \"up\""))));
                await(ingest.send(telemetry("lift-1", T0, ELEVATOR_STATUS.replace("\"floor\": 7", "\"floor\": 2")
                        .replace("}", ", \"trips\": 100}"))));
            }

            assertThat(text(database, "SELECT latest ->> 'floor' FROM device_state WHERE device_id = 'lift-1'"))
                    .as("a back-dated reading must not replace a newer one").isEqualTo("9.0");
            assertThat(text(database, "SELECT status ->> 'direction' FROM device_state WHERE device_id = 'lift-1'"))
                    .as("nor a newer status").isEqualTo("up");
            assertThat(text(database, "SELECT latest ->> 'trips' FROM device_state WHERE device_id = 'lift-1'"))
                    .as("a metric not known yet is still filled in").isEqualTo("100.0");
            assertThat(count(database, "SELECT count(*) FROM telemetry WHERE device_id = 'lift-1' AND metric = 'floor'"))
                    .isEqualTo(2);
        }
    }

    @Test
    void payloadThatBreaksTheDeviceSchemaIsRefusedWithTheField() throws Exception {
        try (TestDatabase db = TestDatabases.primary().create(); Database database = Database.open(db.settings())) {
            new Fixtures(database.dataSource()).device("lift-9", "elevator", "pw");
            try (TelemetryIngest ingest = ingest(database.dataSource(), ids -> { })) {
                ingest.start();
                Future<Void> refused = ingest.send(telemetry("lift-9", T0, ELEVATOR_STATUS.replace("\"floor\": 7", "\"floor\": \"x\"")));

                assertThat(refused.failed()).isTrue();
                assertThat(refused.cause()).isInstanceOf(ClientError.class).hasMessageContaining("'floor'");
                Future<Void> unknownDevice = ingest.send(telemetry("ghost", T0, "{\"battery\": 5}"));
                assertThat(awaitFailure(unknownDevice)).isInstanceOf(ClientError.class);
            }
            assertThat(count(database, "SELECT count(*) FROM telemetry")).isZero();
        }
    }

    @Test
    void malformedPayloadIsRefusedAndNotStored() throws Exception {
        try (TestDatabase db = TestDatabases.primary().create(); Database database = Database.open(db.settings())) {
            new Fixtures(database.dataSource()).device("det-9", "smoke_detector", "pw");
            try (TelemetryIngest ingest = ingest(database.dataSource(), ids -> { })) {
                ingest.start();
                Future<Void> refused = ingest.send(telemetry("det-9", T0, "{\"battery\": "));

                assertThat(refused.failed()).isTrue();
                assertThat(refused.cause()).isInstanceOf(ClientError.class).hasMessageContaining("malformed JSON");
            }
            assertThat(count(database, "SELECT count(*) FROM telemetry")).isZero();
        }
    }

    @Test
    void databaseFailureFailsTheMessageInsteadOfAcknowledgingIt() throws Exception {
        try (TestDatabase db = TestDatabases.primary().create(); Database database = Database.open(db.settings())) {
            new Fixtures(database.dataSource()).device("det-5", "smoke_detector", "pw");
            HikariDataSource broken = new HikariDataSource();
            broken.setJdbcUrl(db.url());
            broken.setInitializationFailTimeout(-1);
            broken.setConnectionTimeout(2000);
            try (TelemetryIngest ingest = ingest(broken, database.dataSource(), ids -> { })) {
                ingest.start();
                await(ingest.send(telemetry("det-5", T0, "{\"battery\": 50}")));
                broken.close(); // the database is gone from the writer's point of view

                Future<Void> lost = ingest.send(telemetry("det-5", T0.plusSeconds(1), "{\"battery\": 49}"));
                Throwable failure = awaitFailure(lost);

                assertThat(failure).isInstanceOf(ServerError.class);
                assertThat(((ServerError) failure).isRetryable()).isTrue();
            }
            assertThat(count(database, "SELECT count(*) FROM telemetry WHERE device_id = 'det-5'")).isEqualTo(1);
        }
    }

    private static TelemetryIngest ingest(DataSource dataSource, IngestListener listener) {
        return ingest(dataSource, dataSource, listener);
    }

    /** Ingest writing to {@code dataSource}, learning device types from {@code registryDataSource}. */
    private static TelemetryIngest ingest(DataSource dataSource, DataSource registryDataSource, IngestListener listener) {
        DeviceRegistry registry = new DeviceRegistry(registryDataSource);
        DeviceTypes types = deviceId -> registry.typeOf(deviceId).flatMap(DeviceType::fromWireName)
                .map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(ClientError.notFound("no device " + deviceId)));
        return new TelemetryIngest(dataSource, SETTINGS, DeviceCatalogue.standard(), types, listener,
                new SimpleMeterRegistry());
    }

    private static DeviceMessage telemetry(String device, Instant ts, String json) {
        return new DeviceMessage(Fixtures.TENANT, device, Endpoint.TELEMETRY, 1,
                ("{\"ts\": \"" + ts + "\"," + json.substring(1)).getBytes(UTF_8), Instant.now());
    }

    private static DeviceMessage event(String device, String json) {
        return new DeviceMessage(Fixtures.TENANT, device, Endpoint.EVENT, 1, json.getBytes(UTF_8), Instant.now());
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static Throwable awaitFailure(Future<?> future) throws Exception {
        try {
            await(future);
            throw new AssertionError("expected the message to fail");
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private static long count(Database database, String sql) throws SQLException {
        return Long.parseLong(text(database, sql));
    }

    private static String text(Database database, String sql) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).as("a row for: " + sql).isTrue();
            return rs.getString(1);
        }
    }
}
