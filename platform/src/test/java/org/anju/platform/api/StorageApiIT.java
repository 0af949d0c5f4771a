package org.anju.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.anju.platform.storage.rollup.DirtyHours;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.PlatformsPerBackend;
import org.anju.platform.testing.RunningPlatform;
import org.anju.platform.testing.TelemetryRows;
import org.anju.platform.testing.TestDatabases;
import org.anju.platform.testing.TestDatabases.Backend;

/**
 * {@code GET /api/v1/communities/{id}/storage} over real HTTP on every backend: rows and bytes per
 * class of data for the community alone, the retention in effect (here with a configured events
 * retention), numbers that follow new data once the scheduled rollup job has run and the figures'
 * maximum age (1 s here) has passed, and access by community.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class StorageApiIT {

    private static final Instant T = Instant.now().truncatedTo(ChronoUnit.HOURS);
    @RegisterExtension
    static final PlatformsPerBackend PLATFORMS = new PlatformsPerBackend(
            Map.of("ANJU_RETENTION_EVENTS", "400d", "ANJU_ROLLUP_INTERVAL", "1s",
                    "ANJU_LIMITS_STORAGE_FIGURES_MAX_AGE", "1s"), StorageApiIT::setUp);

    private static void setUp(RunningPlatform running) {
        Fixtures fixtures = running.fixtures().device("det-1", "smoke_detector", "pw").device("cam-1", "camera", "pw")
                .propertyUser("otto", "otto-password", "operator");
        fixtures.otherCommunityDevice("oak-1", "elevator").platformAdmin("root", "root-password");
        try {
            var ds = running.platform().database().dataSource();
            Instant from = T.minus(3, ChronoUnit.DAYS);
            TelemetryRows.insert(ds, "det-1", "battery", from, T, Duration.ofMinutes(10));
            TelemetryRows.insert(ds, "cam-1", "fps", from, T, Duration.ofHours(1));
            TelemetryRows.insert(ds, "oak-1", "floor", from, T, Duration.ofMinutes(10));
            running.platform().storageJobs().rollups().rebuild(from, T);
            running.sql("INSERT INTO device_events (ts, device_id, kind, payload)"
                    + " SELECT now() - g * INTERVAL '1 hour', 'det-1', 'alarm', '{}' FROM generate_series(1, 10) g");
            running.sql("INSERT INTO device_events (ts, device_id, kind, payload)"
                    + " SELECT now() - g * INTERVAL '1 hour', 'cam-1', 'motion', '{}' FROM generate_series(1, 7) g");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.BACKENDS)
    void reportsRowsAndBytesPerClassWithTheRetentionInEffect(Backend backend) throws Exception {
        RunningPlatform running = PLATFORMS.on(backend);

        JsonNode storage = ok(running, Fixtures.COMMUNITY, running.login("otto", "otto-password"));

        assertThat(storage.get("communityId").asText()).isEqualTo(Fixtures.COMMUNITY);
        assertThat(storage.get("engine").asText()).isNotEmpty();
        JsonNode classes = storage.get("dataClasses");
        assertThat(classes).extracting(c -> c.get("dataClass").asText())
                .containsExactly("telemetry", "hourly", "daily", "events", "fireEvents");
        assertThat(classes).extracting(c -> c.get("retentionDays").asLong()).containsExactly(90L, 730L, 1826L, 400L, 1826L);
        assertThat(rows(classes, "telemetry")).isEqualTo(3 * 144 + 3 * 24);
        assertThat(rows(classes, "hourly")).isEqualTo(count(running,
                "SELECT count(*) FROM telemetry_hourly WHERE device_id IN ('det-1', 'cam-1')"));
        assertThat(rows(classes, "daily")).isEqualTo(count(running,
                "SELECT count(*) FROM telemetry_daily WHERE device_id IN ('det-1', 'cam-1')"));
        assertThat(rows(classes, "events")).isEqualTo(7);
        assertThat(rows(classes, "fireEvents")).isEqualTo(10);
        long total = 0;
        for (JsonNode c : classes) {
            assertThat(c.get("bytes").asLong()).as(c.toString()).isPositive();
            Instant keptSince = Instant.parse(c.get("keptSince").asText());
            assertThat(Duration.between(keptSince, Instant.parse(storage.get("measuredAt").asText())).toDays())
                    .isEqualTo(c.get("retentionDays").asLong());
            total += c.get("bytes").asLong();
        }
        assertThat(storage.get("totalBytes").asLong()).isEqualTo(total);
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.BACKENDS)
    void followsNewTelemetryOnceTheScheduledRollupJobHasRun(Backend backend) throws Exception {
        RunningPlatform running = PLATFORMS.on(backend);
        String root = running.login("root", "root-password");
        long before = rows(ok(running, Fixtures.OTHER_COMMUNITY, root).get("dataClasses"), "telemetry");

        // GIVEN new rows written and marked in one transaction, as ingest does
        Instant from = Instant.now().minus(30, ChronoUnit.MINUTES);
        try (Connection c = running.platform().database().dataSource().getConnection()) {
            c.setAutoCommit(false);
            DirtyHours dirty = new DirtyHours();
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO telemetry (ts, device_id, metric, value) SELECT '" + from + "'::timestamptz"
                        + " + g * INTERVAL '1 minute', 'oak-1', 'load', g FROM generate_series(0, 24) g");
            }
            for (int g = 0; g < 25; g++) {
                dirty.add("oak-1", from.plus(g, ChronoUnit.MINUTES));
            }
            dirty.write(c);
            c.commit();
        }

        // THEN the job, every second, folds them in and the storage figures follow
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                rows(ok(running, Fixtures.OTHER_COMMUNITY, root).get("dataClasses"), "telemetry")).isEqualTo(before + 25));
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.BACKENDS)
    void accessIsAuthorizedByCommunity(Backend backend) throws Exception {
        RunningPlatform running = PLATFORMS.on(backend);
        String otto = running.login("otto", "otto-password");
        String root = running.login("root", "root-password");

        assertThat(running.get("/api/v1/communities/" + Fixtures.COMMUNITY + "/storage", null).statusCode()).isEqualTo(401);
        assertThat(running.get("/api/v1/communities/" + Fixtures.OTHER_COMMUNITY + "/storage", otto).statusCode())
                .isEqualTo(403);
        assertThat(running.get("/api/v1/communities/nowhere/storage", otto).statusCode()).isEqualTo(403);
        assertThat(running.get("/api/v1/communities/nowhere/storage", root).statusCode()).isEqualTo(404);
        assertThat(rows(ok(running, Fixtures.OTHER_COMMUNITY, root).get("dataClasses"), "events")).isZero();
    }

    private static JsonNode ok(RunningPlatform running, String community, String token) throws Exception {
        HttpResponse<String> response = running.get("/api/v1/communities/" + community + "/storage", token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return RunningPlatform.json(response);
    }

    private static long rows(JsonNode classes, String dataClass) {
        for (JsonNode c : classes) {
            if (c.get("dataClass").asText().equals(dataClass)) {
                assertThat(c.get("rows").asLong()).isNotNegative();
                assertThat(c.get("bytes").asLong()).isNotNegative();
                return c.get("rows").asLong();
            }
        }
        throw new AssertionError("no class " + dataClass + " in " + classes);
    }

    private static long count(RunningPlatform running, String sql) throws SQLException {
        try (Connection c = running.platform().database().dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
