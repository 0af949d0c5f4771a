package org.anju.platform.estate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
 * Provisioning people and places over real HTTP on a real database: bulk, idempotent (the same
 * request twice changes nothing), every mistake reported per item with nothing half-written,
 * references checked against the registry, residents' logins created once, and only the
 * community's property administrators (and platform administrators) may do it.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class EstateProvisioningIT {

    private static final String ELM = "/api/v1/provisioning/tenants/acme/communities/elm-court/estate";
    private static RunningPlatform running;
    private static ApiCalls api;
    private static String pat;
    private static String root;

    @BeforeAll
    static void start() throws Exception {
        running = RunningPlatform.start(Map.of());
        Fixtures fixtures = running.fixtures().platformAdmin("root", "root-password")
                .propertyUser("pat", "pat-password", "property_admin")
                .propertyUser("otto", "otto-password", "operator")
                .user("olive", "Olive", "olive-password", Fixtures.TENANT, Set.of("property_admin"),
                        Set.of(Fixtures.OTHER_COMMUNITY))
                .device("gate-in", "camera", "gate-in-secret").device("gate-out", "camera", "gate-out-secret")
                .device("ev-1", "ev_charger", "ev-1-secret").device("det-1", "smoke_detector", "det-1-secret")
                .otherCommunityDevice("oak-ev", "ev_charger");
        fixtures.otherTenantAdmin("zed", "zed-password");
        api = new ApiCalls(running);
        pat = running.login("pat", "pat-password");
        root = running.login("root", "root-password");
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void aBulkRequestCreatesEverythingOnceAndAgainChangesNothing() throws Exception {
        String request = """
                {"households": [
                   {"buildingId": "elm-b1", "unit": "1", "floor": 3, "number": "301", "privateAreaM2": 89.5,
                    "residents": [{"username": "wang.fang", "displayName": "王芳", "relation": "owner", "since": "2020-05-01"},
                                  {"username": "li.lei", "relation": "tenant", "since": "2026-01-01", "until": "2027-01-01"}],
                    "vehicles": ["京A·12345", "京AD 12345"], "idTags": ["TAG-0301"]},
                   {"buildingId": "elm-b1", "unit": "1", "floor": 4, "number": "401", "privateAreaM2": 120,
                    "residents": [{"username": "wang.fang", "relation": "owner", "since": "2021-01-01"}]}],
                 "carParks": [{"name": "North garage", "gateCameraIds": ["gate-in", "gate-out"]}],
                 "parkingSpaces": [
                   {"number": "B1-001", "kind": "underground", "ownership": "private",
                    "owner": {"buildingId": "elm-b1", "unit": "1", "number": "301"}, "chargerDeviceId": "ev-1",
                    "carPark": "North garage"},
                   {"number": "S-01", "kind": "surface", "ownership": "common"}]}""";

        JsonNode first = api.post(ELM, pat, request, 200);

        assertThat(first.get("created").asInt()).isEqualTo(11);
        assertThat(first.get("unchanged").asInt()).isZero();
        List<JsonNode> residents = items(first, "resident");
        assertThat(residents).extracting(r -> r.get("key").asText()).containsExactly("wang.fang", "li.lei", "wang.fang");
        assertThat(residents.get(0).has("initialPassword")).isTrue();
        assertThat(residents.get(2).has("initialPassword")).as("one login, one password").isFalse();
        assertThat(items(first, "vehicle")).extracting(v -> v.get("key").asText()).containsExactly("京A12345", "京AD12345");
        String password = residents.get(0).get("initialPassword").asText();
        String wang = running.login("wang.fang", password);
        assertThat(api.get("/api/v1/me/households", wang, 200).get("households")).hasSize(2);

        List<String> rowsBefore = counts();
        JsonNode again = api.post(ELM, pat, request, 200);

        assertThat(again.get("created").asInt()).isZero();
        assertThat(again.get("unchanged").asInt()).isEqualTo(11);
        assertThat(again.findValues("initialPassword")).isEmpty();
        assertThat(counts()).isEqualTo(rowsBefore);
        assertThat(running.sqlRows("SELECT plate, new_energy FROM vehicles WHERE plate LIKE '京%' ORDER BY plate"))
                .containsExactly("京A12345 f", "京AD12345 t");
        assertThat(running.sqlRows("SELECT u.name FROM households h JOIN units u ON u.id = h.unit_id WHERE h.number IN ('301', '401') ORDER BY h.id"))
                .containsExactly("1", "1");
    }

    @Test
    void everyMistakeIsNamedAndNothingIsWritten() throws Exception {
        List<String> before = counts();
        JsonNode invalid = api.post(ELM, pat, """
                {"households": [
                   {"buildingId": "elm-b1", "floor": 2, "number": "201", "privateAreaM2": 70},
                   {"buildingId": "elm-b1", "floor": 2, "number": "202", "privateAreaM2": 0,
                    "vehicles": ["京A1234"], "residents": [{"username": "X", "relation": "landlord", "since": "soon"}]},
                   {"buildingId": "oak-b9", "floor": 1, "number": "101", "privateAreaM2": 50}],
                 "parkingSpaces": [{"number": "P-1", "kind": "rooftop", "ownership": "private"}]}""", 400);

        assertThat(paths(invalid)).containsExactlyInAnyOrder("households[1].privateAreaM2", "households[1].vehicles[0]",
                "households[1].residents[0].username", "households[1].residents[0].relation",
                "households[1].residents[0].since", "parkingSpaces[0].kind", "parkingSpaces[0].owner");
        assertThat(counts()).isEqualTo(before);

        JsonNode references = api.post(ELM, pat, """
                {"households": [{"buildingId": "elm-b1", "floor": 2, "number": "203", "privateAreaM2": 70}],
                 "carParks": [{"name": "South lot", "gateCameraIds": ["det-1"]}],
                 "parkingSpaces": [{"number": "P-2", "kind": "surface", "ownership": "developer", "chargerDeviceId": "oak-ev"},
                                   {"number": "P-3", "kind": "surface", "ownership": "private",
                                    "owner": {"buildingId": "elm-b1", "number": "999"}},
                                   {"number": "P-4", "kind": "surface", "ownership": "common", "carPark": "Nowhere"}]}""",
                400);

        assertThat(paths(references)).containsExactlyInAnyOrder("carParks[0].gateCameraIds",
                "parkingSpaces[0].chargerDeviceId", "parkingSpaces[1].owner", "parkingSpaces[2].carPark");
        assertThat(counts()).as("the valid household of the refused request is not stored").isEqualTo(before);
    }

    @Test
    void whatIsStoredDifferentlyIsAConflictAndNothingIsWritten() throws Exception {
        api.post(ELM, pat, """
                {"households": [{"buildingId": "elm-b1", "floor": 5, "number": "501", "privateAreaM2": 95.25,
                                 "vehicles": ["沪C88888"], "idTags": ["TAG-0501"]}],
                 "parkingSpaces": [{"number": "S-50", "kind": "surface", "ownership": "developer"}]}""", 200);
        running.fixtures().propertyUser("staffer", "staffer-password", "operator");
        List<String> before = counts();

        JsonNode conflict = api.post(ELM, pat, """
                {"households": [{"buildingId": "elm-b1", "floor": 5, "number": "501", "privateAreaM2": 96,
                                 "residents": [{"username": "staffer", "relation": "owner", "since": "2020-01-01"}]},
                                {"buildingId": "elm-b1", "floor": 5, "number": "502", "privateAreaM2": 80,
                                 "vehicles": ["沪C88888"], "idTags": ["TAG-0501"]}],
                 "parkingSpaces": [{"number": "S-50", "kind": "underground", "ownership": "developer"}]}""", 409);

        assertThat(paths(conflict)).containsExactlyInAnyOrder("households[0]", "households[0].residents[0].username",
                "households[1].vehicles[0]", "households[1].idTags[0]", "parkingSpaces[0]");
        assertThat(ApiCalls.message(conflict)).contains("privateAreaM2 is 95.25, request says 96.00");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void onlyTheCommunitysPropertyAdministratorsAndPlatformAdminsProvision() throws Exception {
        String one = """
                {"parkingSpaces": [{"number": "R-1", "kind": "mechanical", "ownership": "developer"}]}""";
        assertThat(running.post(ELM, one).statusCode()).isEqualTo(401);
        for (String[] user : new String[][] {{"otto", "otto-password"}, {"olive", "olive-password"},
                {"zed", "zed-password"}}) {
            api.post(ELM, running.login(user[0], user[1]), one, 403);
        }
        api.post("/api/v1/provisioning/tenants/zenith/communities/elm-court/estate", root, one, 404);
        assertThat(api.post(ELM, root, one, 200).get("created").asInt()).isEqualTo(1);
    }

    private static List<JsonNode> items(JsonNode result, String kind) {
        return java.util.stream.StreamSupport.stream(result.get("items").spliterator(), false).filter(i -> i.get("kind").asText().equals(kind)).toList();
    }

    private static List<String> paths(JsonNode error) {
        return java.util.stream.StreamSupport.stream(error.get("error").get("items").spliterator(), false).map(i -> i.get("path").asText()).toList();
    }

    private static List<String> counts() {
        return running.sqlRows("""
                SELECT (SELECT count(*) FROM households), (SELECT count(*) FROM household_members),
                       (SELECT count(*) FROM vehicles), (SELECT count(*) FROM parking_spaces),
                       (SELECT count(*) FROM car_parks), (SELECT count(*) FROM car_park_gates),
                       (SELECT count(*) FROM charging_id_tags), (SELECT count(*) FROM units),
                       (SELECT count(*) FROM users)""");
    }
}
