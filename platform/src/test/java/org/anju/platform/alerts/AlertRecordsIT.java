package org.anju.platform.alerts;

import static org.anju.platform.testing.CatalogueExamples.example;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.alerts.rules.Severity;
import org.anju.platform.alerts.rules.Signal;
import org.anju.platform.api.AlertServices;
import org.anju.platform.ingest.CommittedMessage;
import org.anju.platform.notify.Outbox;
import org.anju.platform.registry.Provisioning;
import org.anju.platform.testing.Fixtures;
import org.anju.protocol.DeviceEvent;
import org.anju.protocol.DeviceType;
import org.anju.protocol.Endpoint;

/**
 * Alert records under pressure: concurrent identical signals, storms, and a database outage
 * between ingest's commit and the alert.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class AlertRecordsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static AlertHarness h;

    @BeforeAll
    static void start() {
        h = new AlertHarness(Instant.now());
        h.fixtures.device("det-c", "smoke_detector", "pw").device("det-p", "smoke_detector", "pw")
                .device("det-r", "smoke_detector", "pw").device("det-k", "smoke_detector", "pw");
        for (int i = 1; i <= 6; i++) {
            h.fixtures.device("cam-s" + i, "camera", "pw");
        }
        Provisioning p = h.fixtures.provisioning();
        p.building(new Provisioning.Building("elm-b2", Fixtures.COMMUNITY, "Building 2", 6, 0));
        p.device(new Provisioning.Device("cam-b2", Fixtures.TENANT, Fixtures.COMMUNITY, "camera", "B2 camera",
                "elm-b2", 2, "Stairs", null, null));
    }

    @AfterAll
    static void stop() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void hundredConcurrentIdenticalSignalsMakeOneOpenAlertCountingHundred() throws Exception {
        DeviceInfo device = new DeviceInfo("det-c", Fixtures.TENANT, Fixtures.COMMUNITY, "smoke_detector", "elm-b1", 3,
                "Elm Court, Building 1, floor 3");
        Transactions transactions = new Transactions(h.dataSource(), new Outbox(h.vertx()));
        AlertWriter writer = new AlertWriter(List.of());
        Signal tamper = new Signal(Signal.Action.RAISE, "det-c", "tamper", Severity.MAJOR, true, Instant.now(),
                AlertJson.object());
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(100);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                done.add(threads.submit(() -> {
                    go.await();
                    return transactions.runOrThrow(change -> {
                        writer.apply(change, tamper, device, h.config.defaults(), Instant.now());
                        return null;
                    });
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(h.alerts("det-c")).containsExactly("tamper open 100");
        assertThat(h.rows("SELECT topic, count(*) FROM notifications WHERE payload ->> 'deviceId' = 'det-c'"
                + " GROUP BY topic ORDER BY topic")).containsExactly("alert.opened 1", "alert.updated 99");
    }

    @Test
    void hundredConcurrentIdenticalMessagesThroughIngestCountHundredOnOneAlert() throws Exception {
        String tamper = example("smoke_detector", "event-tamper");
        List<io.vertx.core.Future<Void>> stored = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            stored.add(h.sendAsync("det-p", Endpoint.EVENT, tamper));
        }
        io.vertx.core.Future.all(stored).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);

        await().atMost(WAIT).untilAsserted(() -> assertThat(h.alerts("det-p")).containsExactly("tamper open 100"));
    }

    @Test
    void aStormInOneBuildingBecomesOneIncidentWithChildrenAndResolvesWithThem() throws Exception {
        // camera storage full (98 % in the example) is not fire data: storm control may quiet it
        for (int i = 1; i <= 6; i++) {
            h.telemetry("cam-s" + i, example("camera", "telemetry"));
        }
        h.telemetry("cam-b2", example("camera", "telemetry"));
        await().atMost(WAIT).until(() -> h.rows("SELECT count(*) FROM alerts WHERE device_id LIKE 'cam-%'")
                .equals(List.of("7")));

        assertThat(h.rows("SELECT building_id, type, status, (SELECT count(*) FROM alerts a WHERE a.incident_id = i.id)"
                + " FROM incidents i")).containsExactly("elm-b1 camera_storage_full open 6");
        assertThat(h.rows("SELECT incident_id IS NULL FROM alerts WHERE device_id = 'cam-b2'"))
                .as("another building is another storm").containsExactly("t");
        assertThat(h.rows("SELECT topic FROM notifications WHERE payload ->> 'deviceId' LIKE 'cam-s%'"
                + " OR payload ->> 'alertId' IS NOT NULL ORDER BY id")).as("the sixth is told as the incident's update only")
                .containsExactly("alert.opened", "alert.opened", "alert.opened", "alert.opened", "alert.opened",
                        "incident.opened", "incident.updated");

        for (int i = 1; i <= 6; i++) {
            h.telemetry("cam-s" + i, "{\"status\": \"OK\", \"storageUsedBytes\": 10, \"storageTotalBytes\": 1000}");
        }
        await().atMost(WAIT).until(() -> h.rows("SELECT status FROM incidents").equals(List.of("resolved")));
        assertThat(h.rows("SELECT count(*) FROM notifications WHERE topic = 'incident.resolved'")).containsExactly("1");
    }

    @Test
    void eventsCommittedBeforeACrashAndNotYetAppliedAreReplayedOnceAtTheNextStart() throws Exception {
        // GIVEN a tamper the rules applied, then an alarm and a fault stored while the rules were gone
        h.event("det-k", example("smoke_detector", "event-tamper"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(h.alerts("det-k")).containsExactly("tamper open 1"));
        h.stopPipeline();
        h.storeUnseen("det-k", Endpoint.EVENT, example("smoke_detector", "event-alarm"));
        h.storeUnseen("det-k", Endpoint.EVENT, example("smoke_detector", "event-fault"));
        assertThat(h.alerts("det-k")).containsExactly("tamper open 1");

        // WHEN the rules start again THEN they apply what they missed, and only that
        h.startPipeline();
        await().atMost(WAIT).untilAsserted(() -> assertThat(h.alerts("det-k"))
                .containsExactly("tamper open 1", "fire_alarm open 1", "detector_fault open 1"));
        assertThat(h.rows("SELECT state FROM fire_cases f JOIN alerts a ON a.id = f.alert_id WHERE a.device_id = 'det-k'"))
                .containsExactly("received");

        // AND a second restart replays nothing again
        h.stopPipeline();
        h.startPipeline();
        h.event("det-k", example("smoke_detector", "event-end_of_life"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(h.alerts("det-k")).contains("end_of_life open 1"));
        assertThat(h.alerts("det-k")).startsWith("tamper open 1", "fire_alarm open 1", "detector_fault open 1");
    }

    @Test
    void aSignalCommittedWhileTheDatabaseIsUnreachableIsAppliedOnceItIsBack() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        String dbName = h.testDatabase().name();
        try (HikariDataSource alertsPool = new HikariDataSource()) {
            alertsPool.setJdbcUrl(h.testDatabase().url() + (h.testDatabase().url().contains("?") ? "&" : "?")
                    + "ApplicationName=anju-alerts-outage");
            alertsPool.setConnectionTimeout(500);
            alertsPool.setInitializationFailTimeout(-1);
            AlertServices services = AlertServices.of(alertsPool, alertsPool, new Outbox(h.vertx()), h.config, h.clock,
                    java.time.ZoneOffset.UTC, meters);
            services.engine().start();
            try {
                // GIVEN the alert engine's database connections are gone and new ones are refused
                onServer("ALTER DATABASE " + dbName + " ALLOW_CONNECTIONS false");
                h.sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'anju-alerts-outage'");

                // WHEN ingest hands over a committed tamper event
                Instant ts = Instant.now();
                services.engine().committedMessages(List.of(new CommittedMessage("det-r", DeviceType.SMOKE_DETECTOR, ts,
                        List.of(), List.of(new DeviceEvent(ts, "det-r", "tamper", "{\"kind\":\"tamper\"}")),
                        Collections.emptyMap())), 0);
                await().atMost(WAIT).until(() -> meters.counter("anju.alerts.retries").count() >= 2);
                assertThat(h.alerts("det-r")).isEmpty();

                // THEN it is applied once the database takes connections again
                onServer("ALTER DATABASE " + dbName + " ALLOW_CONNECTIONS true");
                await().atMost(WAIT).untilAsserted(() -> assertThat(h.alerts("det-r")).containsExactly("tamper open 1"));
            } finally {
                onServer("ALTER DATABASE " + dbName + " ALLOW_CONNECTIONS true");
                services.close();
            }
        }
    }

    /** Runs a statement connected to the server's maintenance database (ALTER DATABASE cannot target its own). */
    private static void onServer(String sql) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(h.testDatabase().backend().serverUrl());
                java.sql.Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
