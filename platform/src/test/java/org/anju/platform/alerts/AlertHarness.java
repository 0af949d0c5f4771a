package org.anju.platform.alerts;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import org.anju.error.ClientError;
import org.anju.platform.api.AlertServices;
import org.anju.platform.config.AnjuConfig;
import org.anju.platform.config.ConfigLoader;
import org.anju.platform.delivery.Outbox;
import org.anju.platform.ingest.DeviceTypes;
import org.anju.platform.ingest.IngestSettings;
import org.anju.platform.ingest.TelemetryIngest;
import org.anju.platform.jobs.ClusterJobs;
import org.anju.platform.jobs.Leases;
import org.anju.platform.storage.Database;
import org.anju.platform.storage.RequestClass;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.TestClock;
import org.anju.platform.testing.TestDatabases;
import org.anju.platform.testing.TestSql;
import org.anju.protocol.DeviceMessage;
import org.anju.protocol.DeviceType;
import org.anju.protocol.Endpoint;
import org.anju.protocol.catalogue.DeviceCatalogue;

/**
 * The real alert pipeline without the network: a fresh database, ingest (as the gateway's
 * downstream) handing committed batches to the alert engine, the outbox, and a clock the test moves.
 * The timer scheduler is created but not started: tests run it when they move the clock.
 */
public final class AlertHarness implements AutoCloseable {

    private final TestDatabases.TestDatabase db;
    private final Database database;
    private final Vertx vertx = Vertx.vertx();
    public final TestClock clock;
    public final AnjuConfig.Alerts config;
    public final Fixtures fixtures;
    private AlertServices services;
    private TelemetryIngest ingest;

    public AlertHarness(Instant start) {
        db = TestDatabases.primary().create();
        database = Database.open(db.settings());
        clock = new TestClock(start);
        config = ConfigLoader.load(Optional.empty(), Map.of()).alerts();
        fixtures = new Fixtures(database.dataSource());
        startPipeline();
    }

    /** Starts (again) the alert services and ingest over the same database, as a restarted platform would. */
    public void startPipeline() {
        services = AlertServices.of(database.work(), database.work(RequestClass.INTERACTIVE), new Outbox(vertx), config, clock,
                ZoneId.of("Asia/Shanghai"), new SimpleMeterRegistry());
        services.engine().start();
        ingest = new TelemetryIngest(database.work(), new IngestSettings(1000, Duration.ofMillis(5), 10_000),
                DeviceCatalogue.standard(), types(), services.engine(), new SimpleMeterRegistry());
        ingest.start();
    }

    /**
     * Stores a message through an ingest of its own that tells nobody: as if the process died after
     * ingest's commit and before the alert rules applied it.
     */
    public void storeUnseen(String deviceId, Endpoint endpoint, String json) throws Exception {
        try (TelemetryIngest unseen = new TelemetryIngest(database.work(), new IngestSettings(1000, Duration.ofMillis(5),
                1000), DeviceCatalogue.standard(), types(), ids -> { }, new SimpleMeterRegistry())) {
            unseen.start();
            unseen.send(new DeviceMessage(Fixtures.TENANT, deviceId, endpoint, 1, json.getBytes(UTF_8), Instant.now()))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private DeviceTypes types() {
        return deviceId -> Future.succeededFuture(rows("SELECT type FROM devices WHERE id = ?", deviceId))
                .compose(found -> found.isEmpty() ? Future.failedFuture(ClientError.notFound("no device " + deviceId))
                        : Future.succeededFuture(DeviceType.fromWireName(found.getFirst()).orElseThrow()));
    }

    /** Starts polling the timers, on this harness's clock, as the one instance of the cluster. */
    public void startTimers() {
        services.timers().start(new ClusterJobs("alert-timers", 1,
                new Leases(database.work(), "alert-harness", Duration.ofSeconds(30), clock), clock));
    }

    /** Stops ingest, the engine and the scheduler, keeping the database. */
    public void stopPipeline() {
        ingest.close();
        services.close();
    }

    public AlertServices services() {
        return services;
    }

    DataSource dataSource() {
        return database.dataSource();
    }

    Database database() {
        return database;
    }

    Vertx vertx() {
        return vertx;
    }

    TestDatabases.TestDatabase testDatabase() {
        return db;
    }

    /** Sends a device message through ingest and waits until it is stored (acknowledged). */
    public void send(String deviceId, Endpoint endpoint, String json) throws Exception {
        sendAsync(deviceId, endpoint, json).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    public Future<Void> sendAsync(String deviceId, Endpoint endpoint, String json) {
        return ingest.send(new DeviceMessage(Fixtures.TENANT, deviceId, endpoint, 1, json.getBytes(UTF_8), Instant.now()));
    }

    public void event(String deviceId, String json) throws Exception {
        send(deviceId, Endpoint.EVENT, json);
    }

    public void telemetry(String deviceId, String json) throws Exception {
        send(deviceId, Endpoint.TELEMETRY, json);
    }

    public void sql(String statements) {
        TestSql.execute(database.dataSource(), statements);
    }

    /** Returns the rows of a query, each row's columns joined by spaces. */
    public List<String> rows(String sql, Object... parameters) {
        return TestSql.rows(database.dataSource(), sql, parameters);
    }

    /** Returns "type status occurrences" of a device's alerts, oldest first. */
    public List<String> alerts(String deviceId) {
        return rows("SELECT type, status, occurrences FROM alerts WHERE device_id = ? ORDER BY id", deviceId);
    }

    /** Returns the topics of the notifications so far, in order. */
    public List<String> topics() {
        return rows("SELECT topic FROM notifications ORDER BY id");
    }

    @Override
    public void close() {
        stopPipeline();
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        database.close();
        db.close();
    }
}
