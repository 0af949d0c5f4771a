package org.anju.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.PlatformsPerBackend;
import org.anju.platform.testing.RunningPlatform;
import org.anju.platform.testing.TestDatabases;
import org.anju.platform.testing.TestDatabases.Backend;

/**
 * Event paging over real HTTP on every backend: every event exactly once across pages (also when
 * timestamps tie and when new events arrive while paging), filters, 400s for bad parameters and
 * authorization by community.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class EventsApiIT {

    private static final int EVENTS = 230;
    /** Three events share each timestamp, so that only the id orders them. */
    private static final String INSERT_EVENTS = """
            INSERT INTO device_events (ts, device_id, kind, payload)
            SELECT date_trunc('minute', now()) - (g / 3) * INTERVAL '1 minute',
                   CASE WHEN g %% 2 = 0 THEN 'det-1' ELSE 'cam-1' END,
                   CASE g %% 3 WHEN 0 THEN 'alarm' WHEN 1 THEN 'heartbeat' ELSE 'motion' END,
                   jsonb_build_object('n', g, 'note', 'event ' || g)
              FROM generate_series(1, %d) AS g""".formatted(EVENTS);
    @RegisterExtension
    static final PlatformsPerBackend PLATFORMS = new PlatformsPerBackend(Map.of(), EventsApiIT::setUp);

    private static void setUp(RunningPlatform running) {
        Fixtures fixtures = running.fixtures().device("det-1", "smoke_detector", "pw").device("cam-1", "camera", "pw")
                .propertyUser("otto", "otto-password", "operator");
        fixtures.platformAdmin("root", "root-password");
        running.sql(INSERT_EVENTS);
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.BACKENDS)
    void pagesReturnEveryEventOnceNewestFirstEvenWhileNewOnesArrive(Backend backend) throws Exception {
        RunningPlatform running = PLATFORMS.on(backend);
        String token = running.login("otto", "otto-password");
        Instant before = Instant.now().plusSeconds(120);
        String path = "/api/v1/communities/" + Fixtures.COMMUNITY + "/events?limit=7&to=" + encode(before);

        List<JsonNode> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = ok(running, path + (cursor == null ? "" : "&cursor=" + cursor), token);
            page.get("events").forEach(seen::add);
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            if (pages++ == 2) {
                // events stored while paging are newer than the cursor: they land on no later page
                running.sql("INSERT INTO device_events (ts, device_id, kind, payload)"
                        + " SELECT now(), 'det-1', 'alarm', '{}' FROM generate_series(1, 5)");
            }
        } while (cursor != null);

        assertThat(pages).isEqualTo((EVENTS + 6) / 7);
        Set<Long> ids = new HashSet<>();
        seen.forEach(e -> ids.add(e.get("id").asLong()));
        assertThat(ids).hasSize(EVENTS).containsExactlyInAnyOrderElementsOf(ids(running,
                "SELECT id FROM device_events WHERE payload ->> 'n' IS NOT NULL"));
        for (int i = 1; i < seen.size(); i++) {
            assertThat(order(seen.get(i))).as("newest first").isLessThan(order(seen.get(i - 1)));
        }
        assertThat(seen.get(0).get("payload").get("note").asText()).startsWith("event ");
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.BACKENDS)
    void filtersNarrowTheEvents(Backend backend) throws Exception {
        RunningPlatform running = PLATFORMS.on(backend);
        String token = running.login("otto", "otto-password");
        Instant newest = newest(running);
        String from = encode(newest.minus(10, ChronoUnit.MINUTES));

        JsonNode alarms = ok(running, "/api/v1/devices/det-1/events?kind=alarm&limit=1000", token);
        JsonNode detectors = ok(running, "/api/v1/communities/" + Fixtures.COMMUNITY
                + "/events?deviceType=smoke_detector&limit=1000", token);
        JsonNode recent = ok(running, "/api/v1/communities/" + Fixtures.COMMUNITY + "/events?limit=1000&from=" + from
                + "&kind=motion", token);

        assertThat(alarms.get("events")).isNotEmpty().allSatisfy(e -> {
            assertThat(e.get("deviceId").asText()).isEqualTo("det-1");
            assertThat(e.get("kind").asText()).isEqualTo("alarm");
        });
        assertThat(detectors.get("events")).isNotEmpty().allSatisfy(e -> assertThat(e.get("deviceId").asText())
                .isEqualTo("det-1"));
        // g / 3 <= 10 minutes back: g from 1 to 32, motion when g % 3 == 2
        assertThat(recent.get("events")).hasSize(11).allSatisfy(e -> assertThat(e.get("kind").asText()).isEqualTo("motion"));
        assertThat(recent.get("nextCursor").isNull()).isTrue();
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.BACKENDS)
    void badParametersAreA400ThatSaysWhy(Backend backend) throws Exception {
        RunningPlatform running = PLATFORMS.on(backend);
        String token = running.login("otto", "otto-password");
        String garbage = Base64.getUrlEncoder().encodeToString("hello".getBytes(StandardCharsets.US_ASCII));
        String[][] cases = {
                {"limit=0", "'limit' must be a whole number from 1 to 1000"},
                {"limit=1001", "page size 1001 exceeds the maximum of 1000 for events (parameter 'limit')"},
                {"limit=ten", "'limit' must be a whole number from 1 to 1000"},
                {"cursor=%25%25%25", "'cursor' is not a cursor"},
                {"cursor=" + garbage, "'cursor' is not a cursor"},
                {"kind=Alarm!", "'kind' must be lower-case"},
                {"deviceType=toaster", "'deviceType' must be one of"},
                {"from=last-week", "'from' must be an ISO-8601 date-time"},
                {"from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "'from' must be before 'to'"},
        };
        for (String[] c : cases) {
            for (String path : List.of("/api/v1/devices/det-1/events?", "/api/v1/communities/" + Fixtures.COMMUNITY
                    + "/events?")) {
                running.assertRefused(path + c[0], token, 400, c[1]);
            }
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.BACKENDS)
    void accessIsAuthorizedByCommunity(Backend backend) throws Exception {
        RunningPlatform running = PLATFORMS.on(backend);
        String otto = running.login("otto", "otto-password");
        String root = running.login("root", "root-password");

        assertThat(running.get("/api/v1/devices/det-1/events", null).statusCode()).isEqualTo(401);
        assertThat(running.get("/api/v1/communities/" + Fixtures.COMMUNITY + "/events", null).statusCode()).isEqualTo(401);
        assertThat(running.get("/api/v1/communities/" + Fixtures.OTHER_COMMUNITY + "/events", otto).statusCode())
                .isEqualTo(403);
        assertThat(running.get("/api/v1/communities/nowhere/events", otto).statusCode()).isEqualTo(403);
        assertThat(running.get("/api/v1/communities/nowhere/events", root).statusCode()).isEqualTo(404);
        assertThat(running.get("/api/v1/devices/nothing/events", otto).statusCode()).isEqualTo(403);
        assertThat(running.get("/api/v1/devices/nothing/events", root).statusCode()).isEqualTo(404);
        assertThat(ok(running, "/api/v1/communities/" + Fixtures.OTHER_COMMUNITY + "/events", root).get("events")).isEmpty();
    }

    private static String order(JsonNode event) {
        // fixed-width keys so that string order is (ts, id) order
        return String.format("%020d%020d", Instant.parse(event.get("ts").asText()).toEpochMilli(), event.get("id").asLong());
    }

    private static Instant newest(RunningPlatform running) throws SQLException {
        try (Connection c = running.platform().database().dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT max(ts) FROM device_events WHERE payload ->> 'n' IS NOT NULL")) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        }
    }

    private static JsonNode ok(RunningPlatform running, String path, String token) throws Exception {
        HttpResponse<String> response = running.get(path, token);
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
        return RunningPlatform.json(response);
    }

    private static Set<Long> ids(RunningPlatform running, String sql) throws SQLException {
        Set<Long> ids = new HashSet<>();
        try (Connection c = running.platform().database().dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private static String encode(Instant instant) {
        return URLEncoder.encode(instant.toString(), StandardCharsets.UTF_8);
    }
}
