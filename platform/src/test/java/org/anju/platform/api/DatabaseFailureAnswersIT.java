package org.anju.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.RunningPlatform;

/**
 * A database failure behind any API route answers without database text: the SQL error (table
 * names, positions, driver text) is in the log only. Each failure is provoked for real: the table
 * the route reads is renamed away while the request runs, an error that would happen again, so the
 * answer is a 500 "internal error", not a 503 that asks the caller to try again (a lost database
 * is a 503: {@code DatabaseOutageIT}).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DatabaseFailureAnswersIT {

    private static final String GENERIC = "internal error";
    private static RunningPlatform running;
    private static String root;

    @BeforeAll
    static void start() throws Exception {
        running = RunningPlatform.start(Map.of());
        running.fixtures().platformAdmin("root", "root-password").device("det-1", "smoke_detector", "det-1-secret");
        root = running.login("root", "root-password");
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    @Test
    void everyStoreBehindTheApiAnswersWithoutDatabaseText() throws Exception {
        String day = "from=" + Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS)
                + "&to=" + Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, String> routeByTable = Map.of(
                "devices", "/api/v1/communities/" + Fixtures.COMMUNITY + "/devices",
                "device_events", "/api/v1/communities/" + Fixtures.COMMUNITY + "/events?" + day,
                "telemetry", "/api/v1/devices/det-1/history?metric=battery&" + day,
                "webhook_subscriptions", "/api/v1/webhooks/subscriptions",
                "alerts", "/api/v1/alerts",
                "fire_cases", "/api/v1/fire-cases");
        for (Map.Entry<String, String> c : routeByTable.entrySet()) {
            String table = c.getKey();
            List<ILoggingEvent> logged = captureApiErrors();
            HttpResponse<String> answer = withTableAway(table, () -> running.get(c.getValue(), root));

            assertGeneric(table, answer);
            assertThat(logged).as(table + ": the log keeps the detail").anySatisfy(event -> assertThat(
                    event.getFormattedMessage()).contains("relation \"" + table + "\" does not exist"));
        }
    }

    @Test
    void logInDuringADatabaseFailureAnswersWithoutDatabaseText() throws Exception {
        HttpResponse<String> answer = withTableAway("users", () -> running.post("/api/v1/auth/login",
                "{\"username\": \"root\", \"password\": \"root-password\"}"));

        assertGeneric("users", answer);
    }

    private static void assertGeneric(String table, HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).as(table + ": " + answer.body()).isEqualTo(500);
        assertThat(RunningPlatform.json(answer).get("error").get("message").asText()).as(table).isEqualTo(GENERIC);
        assertThat(answer.body()).as(table).doesNotContain(table, "ERROR", "relation", "SQL", "postgres", "Position");
    }

    private interface Call {
        HttpResponse<String> send() throws Exception;
    }

    private static HttpResponse<String> withTableAway(String table, Call call) throws Exception {
        running.sql("ALTER TABLE " + table + " RENAME TO " + table + "_away");
        try {
            return call.send();
        } finally {
            running.sql("ALTER TABLE " + table + "_away RENAME TO " + table);
        }
    }

    /** Returns the events the API's error handler logs from now on. */
    private static List<ILoggingEvent> captureApiErrors() {
        Logger logger = (Logger) LoggerFactory.getLogger(ApiErrors.class);
        logger.detachAppender("capture");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.setName("capture");
        appender.start();
        logger.addAppender(appender);
        return appender.list;
    }
}
