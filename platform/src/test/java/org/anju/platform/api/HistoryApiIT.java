package org.anju.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.PlatformsPerBackend;
import org.anju.platform.testing.RunningPlatform;
import org.anju.platform.testing.TelemetryRows;
import org.anju.platform.testing.TestDatabases;
import org.anju.platform.testing.TestDatabases.Backend;

/**
 * {@code GET /api/v1/devices/{id}/history} over real HTTP on every backend: the resolution follows
 * the range and the density of the data, points are capped, bad input is a 400, and access is
 * authorized by the device's community.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class HistoryApiIT {

    /** Data ends at the last full hour, so that 10-minute points start every hour. */
    private static final Instant T = Instant.now().truncatedTo(ChronoUnit.HOURS);
    @RegisterExtension
    static final PlatformsPerBackend PLATFORMS = new PlatformsPerBackend(Map.of(), HistoryApiIT::setUp);

    private static void setUp(RunningPlatform running) {
        Fixtures fixtures = running.fixtures().device("det-1", "smoke_detector", "pw")
                .propertyUser("otto", "otto-password", "operator");
        fixtures.otherCommunityDevice("oak-1", "elevator").platformAdmin("root", "root-password");
        try {
            var ds = running.platform().database().dataSource();
            // one point per 10 minutes for 40 days, one per 10 s for the last day, nothing rolled up for 'fresh'
            TelemetryRows.insert(ds, "det-1", "battery", T.minus(40, ChronoUnit.DAYS), T, Duration.ofMinutes(10));
            TelemetryRows.insert(ds, "det-1", "smoke", T.minus(1, ChronoUnit.DAYS), T, Duration.ofSeconds(10));
            TelemetryRows.insert(ds, "oak-1", "floor", T.minus(1, ChronoUnit.DAYS), T, Duration.ofHours(1));
            running.platform().storageJobs().rollups().rebuild(T.minus(41, ChronoUnit.DAYS), T.plusSeconds(1));
            TelemetryRows.insert(ds, "det-1", "fresh", T.minus(50, ChronoUnit.MINUTES), T, Duration.ofSeconds(1));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.BACKENDS)
    void aSparseDayIsRaw(Backend backend) throws Exception {
        RunningPlatform running = PLATFORMS.on(backend);
        Instant from = T.minus(1, ChronoUnit.DAYS);

        JsonNode history = ok(running, "det-1", "battery", from, T);

        assertThat(history.get("resolution").asText()).isEqualTo("raw");
        assertThat(history.get("points")).hasSize((int) rows(running, "battery", from, T));
        JsonNode first = history.get("points").get(0);
        assertThat(first.get("value").asDouble()).isEqualTo(TelemetryRows.valueAt(Instant.parse(first.get("ts").asText())));
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.BACKENDS)
    void aDenseDayIsHourly(Backend backend) throws Exception {
        RunningPlatform running = PLATFORMS.on(backend);
        Instant from = T.minus(1, ChronoUnit.DAYS);

        JsonNode history = ok(running, "det-1", "smoke", from, T);

        assertThat(history.get("resolution").asText()).isEqualTo("hour");
        assertThat(history.get("points").size()).isBetween(24, 25);
        assertThat(countSum(history)).as("every raw point of the whole hours touched").isEqualTo(
                rows(running, "smoke", from.truncatedTo(ChronoUnit.HOURS), T));
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.BACKENDS)
    void thirtyDaysAreHourlyBucketsOfTheRawPoints(Backend backend) throws Exception {
        RunningPlatform running = PLATFORMS.on(backend);
        Instant from = T.minus(30, ChronoUnit.DAYS);

        JsonNode history = ok(running, "det-1", "battery", from, T);

        assertThat(history.get("resolution").asText()).isEqualTo("hour");
        assertThat(history.get("points").size()).isBetween(720, 721);
        JsonNode bucket = history.get("points").get(100);
        Instant start = Instant.parse(bucket.get("ts").asText());
        double[] values = new double[6];
        for (int i = 0; i < 6; i++) {
            values[i] = TelemetryRows.valueAt(start.plus(i * 10L, ChronoUnit.MINUTES));
        }
        assertThat(bucket.get("count").asLong()).isEqualTo(6);
        assertThat(bucket.get("min").asDouble()).isEqualTo(Arrays.stream(values).min().orElseThrow());
        assertThat(bucket.get("max").asDouble()).isEqualTo(Arrays.stream(values).max().orElseThrow());
        assertThat(bucket.get("avg").asDouble()).isEqualTo(Arrays.stream(values).average().orElseThrow());
        assertThat(bucket.get("last").asDouble()).isEqualTo(values[5]);
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.BACKENDS)
    void aYearIsDaily(Backend backend) throws Exception {
        RunningPlatform running = PLATFORMS.on(backend);
        Instant from = T.minus(365, ChronoUnit.DAYS);

        JsonNode history = ok(running, "det-1", "battery", from, T.plusSeconds(60));

        assertThat(history.get("resolution").asText()).isEqualTo("day");
        assertThat(history.get("points").size()).isBetween(40, 42);
        assertThat(countSum(history)).isEqualTo(rows(running, "battery", from, T.plusSeconds(60)));
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.BACKENDS)
    void aDayOlderThanTheRawRetentionIsHourly(Backend backend) throws Exception {
        JsonNode history = ok(PLATFORMS.on(backend), "det-1", "battery", T.minus(100, ChronoUnit.DAYS),
                T.minus(99, ChronoUnit.DAYS));

        assertThat(history.get("resolution").asText()).isEqualTo("hour");
        assertThat(history.get("points")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.BACKENDS)
    void rawPointsTheRollupsHaveNotCountedYetStillNeverExceedTheCap(Backend backend) throws Exception {
        // 3,000 points in the last hour that the rollup job has not seen: the count says 0, the raw read says too many
        JsonNode history = ok(PLATFORMS.on(backend), "det-1", "fresh", T.minus(1, ChronoUnit.HOURS), T);

        assertThat(history.get("resolution").asText()).isEqualTo("hour");
        assertThat(history.get("points").size()).isLessThanOrEqualTo(2000);
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.BACKENDS)
    void badInputIsA400ThatSaysWhy(Backend backend) throws Exception {
        RunningPlatform running = PLATFORMS.on(backend);
        String token = running.login("otto", "otto-password");
        String base = "/api/v1/devices/det-1/history?";
        String[][] cases = {
                {"from=2026-01-01T00:00:00Z", "'metric' is required"},
                {"metric=bat%20tery&from=2026-01-01T00:00:00Z", "'metric' must start with a letter"},
                {"metric=1abc&from=2026-01-01T00:00:00Z", "'metric' must start with a letter"},
                {"metric=battery&from=yesterday", "'from' must be an ISO-8601 date-time"},
                {"metric=battery&from=2026-01-01T00:00:00", "'from' must be an ISO-8601 date-time"},
                {"metric=battery&from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "'from' must be before 'to'"},
                {"metric=battery&from=2026-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "'from' must be before 'to'"},
                {"metric=battery&from=2010-01-01T00:00:00Z&to=2026-01-01T00:00:00Z",
                        "range of 5844 days exceeds the maximum of 1830 days for history (parameters 'from' and 'to')"},
                {"metric=battery&from=2026-01-01T00:00:00Z&to=2026-01-09T00:00:00Z&resolution=raw",
                        "range of 8 days exceeds the maximum of 7 days for raw history"},
                {"metric=battery&from=2026-01-01T00:00:00Z&to=2026-04-04T00:00:00Z&resolution=hour",
                        "range of 93 days exceeds the maximum of 92 days for hour history"},
                {"metric=battery&resolution=minute", "parameter 'resolution' must be raw, hour or day"},
        };
        for (String[] c : cases) {
            running.assertRefused(base + c[0], token, 400, c[1]);
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.BACKENDS)
    void accessIsAuthorizedByTheDevicesCommunity(Backend backend) throws Exception {
        RunningPlatform running = PLATFORMS.on(backend);
        String otto = running.login("otto", "otto-password");
        String root = running.login("root", "root-password");
        String query = "/history?metric=floor&from=" + encode(T.minus(1, ChronoUnit.DAYS));

        assertThat(running.get("/api/v1/devices/det-1" + query, null).statusCode()).isEqualTo(401);
        assertThat(running.get("/api/v1/devices/det-1" + query, otto).statusCode()).isEqualTo(200);
        assertThat(running.get("/api/v1/devices/oak-1" + query, otto).statusCode()).isEqualTo(403);
        assertThat(running.get("/api/v1/devices/no-such-device" + query, otto).statusCode())
                .as("a missing device looks like another community's to a community user").isEqualTo(403);
        assertThat(running.get("/api/v1/devices/no-such-device" + query, root).statusCode()).isEqualTo(404);
        assertThat(RunningPlatform.json(running.get("/api/v1/devices/oak-1" + query, root)).get("points")).hasSize(24);
    }

    private static JsonNode ok(RunningPlatform running, String device, String metric, Instant from, Instant to)
            throws Exception {
        HttpResponse<String> response = running.get("/api/v1/devices/" + device + "/history?metric=" + metric
                + "&from=" + encode(from) + "&to=" + encode(to), running.login("otto", "otto-password"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode history = RunningPlatform.json(response);
        assertThat(history.get("points").size()).isLessThanOrEqualTo(2500);
        return history;
    }

    private static long countSum(JsonNode history) {
        long sum = 0;
        for (JsonNode p : history.get("points")) {
            sum += p.get("count").asLong();
        }
        return sum;
    }

    private static long rows(RunningPlatform running, String metric, Instant from, Instant to) throws SQLException {
        try (Connection c = running.platform().database().dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*) FROM telemetry WHERE device_id = 'det-1' AND metric = ? AND ts >= ? AND ts < ?")) {
            ps.setString(1, metric);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String encode(Instant instant) {
        return URLEncoder.encode(instant.toString(), StandardCharsets.UTF_8);
    }
}
