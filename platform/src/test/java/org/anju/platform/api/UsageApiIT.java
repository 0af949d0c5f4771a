package org.anju.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.gateway.Device5;
import org.anju.platform.testing.ApiCalls;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.RunningPlatform;

/**
 * Visitor parking and EV charging through the real pipeline: a charger and a gate camera publish
 * over MQTT (Paho), the platform stores the events, the derivations run, and the API answers each
 * household with its own sessions only (another household's session is a 404) and staff with the
 * community's visits and sessions.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class UsageApiIT {

    private static final String SECRET = "device-secret";
    // two hours ago, on a half hour: 30 minutes of charging in one slot
    private static final Instant T = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);
    private static RunningPlatform running;
    private static ApiCalls api;

    @BeforeAll
    static void start() throws Exception {
        // the jobs wait an hour: the test runs the derivations itself
        running = RunningPlatform.start(Map.of("ANJU_PARKING_INTERVAL", "1h", "ANJU_CHARGING_INTERVAL", "1h"));
        api = new ApiCalls(running);
        running.fixtures().device("evc-1", "ev_charger", SECRET).device("cam-1", "camera", SECRET)
                .propertyUser("otto", "otto-password", "operator").propertyUser("rita", "rita-password", "resident")
                .propertyUser("otis", "otis-password", "resident");
        running.sql("""
                INSERT INTO households (id, community_id, building_id, unit_id, floor, number, private_area_m2) VALUES
                  (1, 'elm-court', 'elm-b1', NULL, 3, '301', 89.50), (2, 'elm-court', 'elm-b1', NULL, 4, '401', 92.00);
                INSERT INTO household_members (household_id, username, relation, since) VALUES
                  (1, 'rita', 'owner', '2020-01-01'), (2, 'otis', 'owner', '2020-01-01');
                INSERT INTO charging_id_tags (community_id, id_tag, household_id) VALUES
                  ('elm-court', 'CARD-R', 1), ('elm-court', 'CARD-O', 2);
                INSERT INTO vehicles (community_id, household_id, plate, new_energy) VALUES ('elm-court', 1, '京A11111', false);
                """);
        session(1, "CARD-R", 1_000, 8_000, T);
        session(2, "CARD-O", 8_000, 9_000, T.plus(1, ChronoUnit.HOURS));
        plate("京B22222", "in", T);
        plate("京B22222", "out", T.plus(90, ChronoUnit.MINUTES));
        plate("京A11111", "in", T.plus(5, ChronoUnit.MINUTES));
        plate("京A11111", "out", T.plus(100, ChronoUnit.MINUTES));
        running.platform().charging().runOnce(Instant.now());
        running.platform().parking().runOnce(Instant.now());
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    @Test
    void aResidentSeesTheirHouseholdsSessionsAndAnothersIsA404() throws Exception {
        String rita = running.login("rita", "rita-password");

        JsonNode mine = api.get("/api/v1/me/charging/sessions", rita, 200).get("items");

        assertThat(mine).hasSize(1);
        JsonNode session = mine.get(0);
        assertThat(session.get("householdId").asLong()).isEqualTo(1);
        assertThat(session.get("energyWh").decimalValue()).isEqualByComparingTo("7000");
        long own = session.get("id").asLong();
        JsonNode withLines = api.get("/api/v1/me/charging/sessions/" + own, rita, 200);
        assertThat(withLines.get("lines")).hasSize(1);
        assertThat(withLines.get("lines").get(0).get("costFen").asLong()).isEqualTo(withLines.get("amountFen").asLong());
        // openapi.yaml: the tier by its lower-case wire name
        assertThat(withLines.get("lines").get(0).get("tier").asText()).isIn("sharp", "peak", "flat", "valley");
        long others = running.sqlRows("SELECT id FROM charging_sessions WHERE household_id = 2").stream()
                .mapToLong(Long::parseLong).findFirst().orElseThrow();
        api.get("/api/v1/me/charging/sessions/" + others, rita, 404);
        api.get("/api/v1/me/charging/sessions/" + (others + 1000), rita, 404);
        assertThat(api.get("/api/v1/me/parking/visits", rita, 200).get("items"))
                .extracting(v -> v.get("plate").asText() + " " + v.get("amountFen").asLong())
                .containsExactly("京A11111 0");
    }

    @Test
    void staffSeeTheCommunitysVisitsAndSessionsResidentsDoNot() throws Exception {
        String otto = running.login("otto", "otto-password");

        JsonNode sessions = api.get("/api/v1/communities/elm-court/charging/sessions", otto, 200).get("items");
        JsonNode visits = api.get("/api/v1/communities/elm-court/parking/visits", otto, 200).get("items");

        assertThat(sessions).extracting(s -> s.get("state").asText()).containsExactly("priced", "priced");
        // 90 minutes: two started hours at billing.visitorParking's 3 CNY; the resident's car parks free
        assertThat(visits).extracting(v -> v.get("plate").asText() + " " + v.get("exemption").asText() + " "
                + v.get("amountFen").asLong()).containsExactlyInAnyOrder("京B22222 none 600", "京A11111 household 0");
        api.get("/api/v1/communities/elm-court/parking/visits", running.login("rita", "rita-password"), 403);
    }

    private static void session(int transaction, String idTag, long meterStart, long meterStop, Instant at)
            throws Exception {
        publish("evc-1", """
                {"kind": "session_started", "ts": "%s", "transactionId": %d, "connectorId": 1, "idTag": "%s", "meterStart": %d}"""
                .formatted(at, transaction, idTag, meterStart));
        publish("evc-1", """
                {"kind": "session_stopped", "ts": "%s", "transactionId": %d, "connectorId": 1, "meterStop": %d, "reason": "EVDisconnected"}"""
                .formatted(at.plus(30, ChronoUnit.MINUTES), transaction, meterStop));
    }

    private static void plate(String plate, String direction, Instant at) throws Exception {
        publish("cam-1", """
                {"kind": "plate_read", "ts": "%s", "plate": "%s", "direction": "%s", "gateId": "north", "confidence": 0.95}"""
                .formatted(at, plate, direction));
    }

    private static void publish(String deviceId, String json) throws Exception {
        Device5 device = Device5.connect(running.mqttUri(), deviceId, deviceId + "@" + Fixtures.TENANT, SECRET);
        try {
            assertThat(device.publishAndAwaitReason("event", json)).isZero();
        } finally {
            device.close();
        }
    }
}
