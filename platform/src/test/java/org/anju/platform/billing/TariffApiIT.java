package org.anju.platform.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.Json;
import org.anju.platform.testing.ApiCalls;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.RunningPlatform;

/**
 * The tariff API over real HTTP: a property administrator adds tariffs; bad input is a 400 that
 * names the field and writes nothing; an overlapping change is a 409 naming the tariff; the list
 * and the tariffs in force (own or default) read them back. Access by role is in the role matrix.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TariffApiIT {

    private static final String PATH = "/api/v1/communities/" + Fixtures.COMMUNITY + "/tariffs";
    private static RunningPlatform running;
    private static ApiCalls api;
    private static String admin;

    @BeforeAll
    static void start() throws Exception {
        running = RunningPlatform.start(Map.of("ANJU_BILLING_VISITOR_PARKING_FREE_MINUTES", "20"));
        running.fixtures().propertyUser("pia", "pia-password", "property_admin");
        api = new ApiCalls(running);
        admin = running.login("pia", "pia-password");
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    private static String request(String kind, String from, JsonNode body) {
        ObjectNode request = Json.MAPPER.createObjectNode().put("kind", kind).put("effectiveFrom", from);
        request.set("body", body);
        return request.toString();
    }

    @Test
    void anAdministratorAddsATimeOfUseTariffAndReadsItBack() throws Exception {
        JsonNode made = api.post(PATH, admin, request("ev_tou", "2031-01-01", TariffJsonTest.touBody()), 201);

        assertThat(made.get("kind").asText()).isEqualTo("ev_tou");
        assertThat(made.get("createdBy").asText()).isEqualTo("pia");
        assertThat(made.get("body")).isEqualTo(TariffJsonTest.touBody());
        JsonNode listed = api.get(PATH + "?kind=ev_tou", admin, 200);
        assertThat(listed.get("tariffs")).extracting(t -> t.get("id").asLong()).containsExactly(made.get("id").asLong());
        JsonNode inForce = api.get(PATH + "/in-force?at=2031-06-01T00:00:00Z", admin, 200);
        assertThat(inForce.get("tariffs").get("ev_tou").get("source").asText()).isEqualTo("community");
        assertThat(inForce.get("tariffs").get("visitor_parking").get("source").asText()).isEqualTo("default");
        assertThat(inForce.get("tariffs").get("visitor_parking").get("body").get("freeMinutes").asInt()).isEqualTo(20);
        assertThat(running.sqlRows("SELECT action FROM audit_log WHERE target = 'tariff:" + made.get("id").asLong() + "'"))
                .containsExactly("tariff.created");
    }

    @Test
    void badInputIs400NamingTheFieldAndWritesNothing() throws Exception {
        ObjectNode shortMap = TariffJsonTest.touBody();
        ((ArrayNode) shortMap.get("slots")).remove(0);
        assertThat(ApiCalls.message(api.post(PATH, admin, request("ev_tou", "2032-01-01", shortMap), 400)))
                .contains("body.slots must have exactly 48");
        assertThat(ApiCalls.message(api.post(PATH, admin, request("property_fee", "2032-01-01",
                Json.MAPPER.readTree("{\"perSquareMetreMonthFen\": 1.85}")), 400)))
                .contains("body.perSquareMetreMonthFen must be a whole, non-negative number, was 1.85");
        assertThat(ApiCalls.message(api.post(PATH, admin, request("rent", "2032-01-01",
                Json.MAPPER.createObjectNode()), 400))).contains("kind must be one of");
        assertThat(ApiCalls.message(api.post(PATH, admin, request("late_fee", "01/01/2032",
                Json.MAPPER.createObjectNode()), 400))).contains("effectiveFrom must be a date");
        assertThat(running.sqlRows("SELECT count(*) FROM tariffs WHERE effective_from = '2032-01-01'"))
                .containsExactly("0");
    }

    @Test
    void anOverlappingChangeIs409NamingTheTariffInForce() throws Exception {
        JsonNode first = api.post(PATH, admin, request("property_fee", "2033-01-01",
                Json.MAPPER.readTree("{\"perSquareMetreMonthFen\": 150}")), 201);

        JsonNode conflict = api.post(PATH, admin, request("property_fee", "2033-01-01",
                Json.MAPPER.readTree("{\"perSquareMetreMonthFen\": 185}")), 409);

        assertThat(ApiCalls.message(conflict)).contains("tariff " + first.get("id").asLong())
                .contains("in force from 2033-01-01");
    }
}
