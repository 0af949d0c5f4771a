package org.anju.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.RunningPlatform;

/**
 * Statement timeouts per request class over real HTTP: a statement that cannot finish (it waits
 * for a lock a test connection holds on {@code device_events}) is cancelled after its class's
 * timeout and the request answers 504 without SQL text, while a report, whose timeout is longer,
 * waits and answers once the lock is gone; slow requests many times the request pool's size all
 * answer 504 and leave the pool usable.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StatementTimeoutIT {

    private static final String EVENTS = "/api/v1/communities/" + Fixtures.COMMUNITY + "/events";
    private static final String STORAGE = "/api/v1/communities/" + Fixtures.COMMUNITY + "/storage";
    private static RunningPlatform running;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        // 1 s, not less: the ordinary queries here (the final list, sign-in) must never reach it on a loaded machine
        running = RunningPlatform.start(Map.of("ANJU_DB_REQUEST_POOL_SIZE", "2",
                "ANJU_DB_STATEMENT_TIMEOUT_INTERACTIVE", "1s", "ANJU_DB_STATEMENT_TIMEOUT_REPORT", "60s"));
        running.fixtures().device("det-1", "smoke_detector", "pw").propertyUser("otto", "otto-password", "operator");
        running.sql("INSERT INTO device_events (ts, device_id, kind, payload)"
                + " SELECT now() - g * INTERVAL '1 minute', 'det-1', 'heartbeat', '{}' FROM generate_series(1, 50) g");
        token = running.login("otto", "otto-password");
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void aStatementOverItsClassTimeoutAnswers504AndAReportWaitsLonger() throws Exception {
        try (Connection lock = lockEvents()) {
            // WHEN an interactive list needs the locked table, THEN it is cancelled after 1 s
            HttpResponse<String> events = running.get(EVENTS, token);
            assertThat(events.statusCode()).as(events.body()).isEqualTo(504);
            assertThat(RunningPlatform.json(events).get("error").get("message").asText())
                    .isEqualTo("events query took too long");

            // a report (60 s) waits for the lock instead
            CompletableFuture<HttpResponse<String>> storage = CompletableFuture.supplyAsync(() -> get(STORAGE));
            await().atMost(Duration.ofSeconds(30)).until(() -> waitingForTheLock() > 0);
            lock.rollback();
            assertThat(storage.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        assertThat(running.get(EVENTS, token).statusCode()).isEqualTo(200);
    }

    @Test
    void slowRequestsManyTimesThePoolAllAnswer504AndLeaveThePoolUsable() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
        try (Connection lock = lockEvents()) {
            for (int i = 0; i < 10; i++) {
                slow.add(CompletableFuture.supplyAsync(() -> get(EVENTS)));
            }
            for (CompletableFuture<HttpResponse<String>> request : slow) {
                HttpResponse<String> response = request.get(60, TimeUnit.SECONDS);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(504);
            }
            lock.rollback();
        }
        // every connection went back to the pool
        HttpResponse<String> after = running.get(EVENTS, token);
        assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
        assertThat(RunningPlatform.json(after).get("events")).hasSize(50);
    }

    /** Opens a connection of the test's own that holds an exclusive lock on the events until rolled back. */
    private static Connection lockEvents() throws Exception {
        Connection c = DriverManager.getConnection(running.databaseUrl());
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("LOCK TABLE device_events IN ACCESS EXCLUSIVE MODE");
        }
        return c;
    }

    private static int waitingForTheLock() {
        return Integer.parseInt(running.sqlRows("SELECT count(*) FROM pg_stat_activity"
                + " WHERE wait_event_type = 'Lock' AND datname = current_database()").get(0));
    }

    private static HttpResponse<String> get(String path) {
        try {
            return running.get(path, token);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
