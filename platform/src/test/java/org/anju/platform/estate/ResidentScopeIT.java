package org.anju.platform.estate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.testing.ApiCalls;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.RunningPlatform;

/**
 * A resident's scope over real HTTP: they read the households they belong to today and nothing
 * else (404 for another household, existing or not, also one they left); staff read their own
 * community's households (403 for another community's).
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ResidentScopeIT {

    private static RunningPlatform running;
    private static ApiCalls api;
    private static String pat;
    private static String olive;
    private static long ownHousehold;
    private static long neighbourHousehold;
    private static long formerHousehold;
    private static long oakHousehold;

    @BeforeAll
    static void start() throws Exception {
        running = RunningPlatform.start(Map.of());
        running.fixtures().platformAdmin("root", "root-password").propertyUser("pat", "pat-password", "property_admin")
                .user("olive", "Olive", "olive-password", Fixtures.TENANT, Set.of("property_admin"),
                        Set.of(Fixtures.OTHER_COMMUNITY))
                .user("rosa", "Rosa", "rosa-password", Fixtures.TENANT, Set.of("resident"), Set.of(Fixtures.COMMUNITY))
                .device("ev-1", "ev_charger", "ev-1-secret");
        running.sql("INSERT INTO buildings (id, community_id, name) VALUES ('oak-b1', 'oak-yard', 'Oak 1')");
        api = new ApiCalls(running);
        pat = running.login("pat", "pat-password");
        olive = running.login("olive", "olive-password");
        String root = running.login("root", "root-password");
        // memberships by the day in the platform's day zone, as the API decides them
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        JsonNode elm = api.post("/api/v1/provisioning/tenants/acme/communities/elm-court/estate", pat, """
                {"households": [
                   {"buildingId": "elm-b1", "floor": 6, "number": "601", "privateAreaM2": 101.75,
                    "residents": [{"username": "rosa", "relation": "tenant", "since": "%s"}],
                    "vehicles": ["粤B12345D"], "idTags": ["ROSA-1"]},
                   {"buildingId": "elm-b1", "floor": 6, "number": "602", "privateAreaM2": 99},
                   {"buildingId": "elm-b1", "floor": 5, "number": "502", "privateAreaM2": 70,
                    "residents": [{"username": "rosa", "relation": "tenant", "since": "2019-01-01", "until": "%s"}]}],
                 "parkingSpaces": [{"number": "P-601", "kind": "surface", "ownership": "private",
                                    "owner": {"buildingId": "elm-b1", "number": "601"}, "chargerDeviceId": "ev-1"}]}"""
                .formatted(today, today), 200);
        ownHousehold = elm.get("items").get(0).get("id").asLong();
        neighbourHousehold = elm.get("items").get(4).get("id").asLong();
        formerHousehold = elm.get("items").get(5).get("id").asLong();
        oakHousehold = api.post("/api/v1/provisioning/tenants/acme/communities/oak-yard/estate", root, """
                {"households": [{"buildingId": "oak-b1", "floor": 1, "number": "101", "privateAreaM2": 55}]}""", 200)
                .get("items").get(0).get("id").asLong();
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void aResidentReadsTheirOwnHouseholdOnly() throws Exception {
        String rosa = running.login("rosa", "rosa-password");

        JsonNode mine = api.get("/api/v1/me/households", rosa, 200).get("households");
        assertThat(mine).hasSize(1);
        JsonNode own = mine.get(0);
        assertThat(own.get("id").asLong()).isEqualTo(ownHousehold);
        assertThat(own.get("building").asText()).isEqualTo("Building 1");
        assertThat(own.get("unit").isNull()).isTrue();
        assertThat(own.get("floor").asInt()).isEqualTo(6);
        assertThat(own.get("privateAreaM2").asText()).isEqualTo("101.75");
        assertThat(own.get("relation").asText()).isEqualTo("tenant");
        assertThat(own.get("vehicles").get(0).get("plate").asText()).isEqualTo("粤B12345D");
        assertThat(own.get("vehicles").get(0).get("newEnergy").asBoolean()).isTrue();
        assertThat(own.get("parkingSpaces").get(0).get("chargerDeviceId").asText()).isEqualTo("ev-1");
        assertThat(own.get("idTags").get(0).get("idTag").asText()).isEqualTo("ROSA-1");
        assertThat(api.get("/api/v1/households/" + ownHousehold, rosa, 200).get("number").asText()).isEqualTo("601");

        for (long other : new long[] {neighbourHousehold, formerHousehold, oakHousehold, 987654321L}) {
            JsonNode refused = api.get("/api/v1/households/" + other, rosa, 404);
            assertThat(ApiCalls.message(refused)).isEqualTo("no household " + other);
        }
        api.get("/api/v1/communities/elm-court/households", rosa, 403);
        api.get("/api/v1/communities/elm-court/vehicles", rosa, 403);
    }

    @Test
    void staffReadTheirCommunitysHouseholdsOnly() throws Exception {
        assertThat(api.get("/api/v1/households/" + neighbourHousehold, pat, 200).get("members")).isEmpty();
        JsonNode former = api.get("/api/v1/households/" + formerHousehold, pat, 200);
        assertThat(former.get("members").get(0).get("username").asText()).isEqualTo("rosa");
        assertThat(former.has("relation")).as("staff read no relation of their own").isFalse();
        assertThat(api.get("/api/v1/communities/elm-court/households?limit=2", pat, 200).get("nextCursor").isNull())
                .isFalse();
        assertThat(api.get("/api/v1/communities/elm-court/vehicles", pat, 200).get("vehicles")).hasSize(1);
        assertThat(api.get("/api/v1/communities/elm-court/parking-spaces", pat, 200).get("parkingSpaces")).hasSize(1);

        api.get("/api/v1/households/" + ownHousehold, olive, 403);
        api.get("/api/v1/communities/elm-court/households", olive, 403);
        api.get("/api/v1/households/" + oakHousehold, pat, 403);
        assertThat(api.get("/api/v1/households/" + oakHousehold, olive, 200).get("communityId").asText())
                .isEqualTo("oak-yard");
        api.get("/api/v1/households/not-a-number", pat, 400);
    }
}
