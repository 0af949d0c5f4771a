package org.anju.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.testing.ApiCalls;
import org.anju.platform.testing.RunningPlatform;

/**
 * Rental contracts and the owners' waiting list over real HTTP on a running platform: a property
 * administrator signs, lists, renews and terminates (with the proration it implies, billed or not, and
 * the credit note of a billed period: {@link TerminationCreditIT} has its cases);
 * a taken space, a non-owner beyond the cap or while an owner waits are 409s naming the contract or
 * the rule; bad fields are 400s naming the field, with nothing written; residents read their own
 * household's contracts only.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ContractApiIT {

    private static final String CONTRACTS = "/api/v1/communities/elm-court/contracts";
    private static final String WAITING = "/api/v1/communities/elm-court/parking/waiting-list";
    /** The space_rent tariff of the contract tests: 35,000 fen a month, 100,000 a quarter for underground. */
    static final String SPACE_RENT = """
            {"kind": "space_rent", "effectiveFrom": "2026-01-01", "body": {
              "monthlyFen": {"surface": 20000, "underground": 35000, "mechanical": 15000},
              "quarterlyFen": {"surface": 57000, "underground": 100000, "mechanical": 43000},
              "yearlyFen": {"surface": 220000, "underground": 380000, "mechanical": 160000}}}""";
    private static RunningPlatform running;
    private static ApiCalls api;
    private static String pia;

    @BeforeAll
    static void start() throws Exception {
        running = RunningPlatform.start(Map.of());
        api = new ApiCalls(running);
        running.fixtures().propertyUser("pia", "pia-password", "property_admin")
                .propertyUser("rita", "rita-password", "resident").propertyUser("otis", "otis-password", "resident")
                .propertyUser("olga", "olga-password", "resident");
        // household 1: rita owns it; 2: otis rents it (no owner); 3: olga owns it
        running.sql("""
                INSERT INTO households (id, community_id, building_id, unit_id, floor, number, private_area_m2) VALUES
                  (1, 'elm-court', 'elm-b1', NULL, 3, '301', 89.50), (2, 'elm-court', 'elm-b1', NULL, 4, '401', 92.00),
                  (3, 'elm-court', 'elm-b1', NULL, 5, '501', 70.00);
                INSERT INTO household_members (household_id, username, relation, since) VALUES
                  (1, 'rita', 'owner', '2020-01-01'), (2, 'otis', 'tenant', '2020-01-01'), (3, 'olga', 'owner', '2020-01-01');
                INSERT INTO parking_spaces (id, community_id, number, kind, ownership) VALUES
                  (11, 'elm-court', 'B-011', 'underground', 'developer'), (12, 'elm-court', 'B-012', 'underground', 'developer'),
                  (13, 'elm-court', 'B-013', 'underground', 'developer'), (14, 'elm-court', 'B-014', 'underground', 'developer');
                """);
        pia = running.login("pia", "pia-password");
        api.post("/api/v1/communities/elm-court/tariffs", pia, SPACE_RENT, 201);
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    private static String contract(long space, long household, String term, int periods, String startsOn) {
        return """
                {"spaceId": %d, "householdId": %d, "term": "%s", "periods": %d, "startsOn": "%s"}"""
                .formatted(space, household, term, periods, startsOn);
    }

    @Test
    void signListRenewAndTerminateWithTheProrationItImplies() throws Exception {
        JsonNode signed = api.post(CONTRACTS, pia, contract(11, 1, "monthly", 3, "2027-01-01"), 201);
        long id = signed.get("id").asLong();
        assertThat(signed.get("periodFen").asLong()).isEqualTo(35_000);
        assertThat(signed.get("endsOn").asText()).isEqualTo("2027-04-01");

        // a taken space names the contract that holds it; nothing is written
        JsonNode taken = api.post(CONTRACTS, pia, contract(11, 3, "monthly", 1, "2027-02-01"), 409);
        assertThat(ApiCalls.message(taken)).contains("space B-011 is taken by contract " + id);
        assertThat(api.get(CONTRACTS + "?spaceId=11", pia, 200).get("items")).hasSize(1);

        String rita = running.login("rita", "rita-password");
        String otis = running.login("otis", "otis-password");
        assertThat(api.get("/api/v1/contracts/" + id, rita, 200).get("householdId").asLong()).isEqualTo(1);
        api.get("/api/v1/contracts/" + id, otis, 404);
        assertThat(api.get("/api/v1/me/contracts", rita, 200).get("items")).hasSize(1);
        assertThat(api.get("/api/v1/me/contracts", otis, 200).get("items")).isEmpty();
        assertThat(api.get(CONTRACTS + "?householdId=1&active=any", pia, 200).get("items").get(0).get("id").asLong())
                .isEqualTo(id);
        assertThat(api.get(CONTRACTS + "?active=true", pia, 200).get("items")).isEmpty(); // starts next year

        // January is billed in advance: terminating on 21 January owes back 11 of 31 days
        api.post("/api/v1/communities/elm-court/billing-runs", pia, "{\"period\": \"2027-01\"}", 200);
        JsonNode ended = api.post("/api/v1/contracts/" + id + "/terminate", pia, "{\"terminatedOn\": \"2027-01-21\"}",
                200);
        assertThat(ended.get("contract").get("terminatedOn").asText()).isEqualTo("2027-01-21");
        JsonNode proration = ended.get("proration");
        assertThat(proration.get("usedFen").asLong()).isEqualTo(22_581); // 35,000 × 20/31 = 22,580.6, half up
        assertThat(proration.get("refundFen").asLong()).isEqualTo(12_419);
        assertThat(proration.get("periodBilled").asBoolean()).isTrue();
        assertThat(proration.get("creditFen").asLong()).isEqualTo(12_419);
        assertThat(proration.get("chargeFen").asLong()).isZero();
        assertThat(proration.get("creditNoteFen").asLong()).as("issued with the termination").isEqualTo(12_419);
        api.post("/api/v1/contracts/" + id + "/terminate", pia, "{\"terminatedOn\": \"2027-01-25\"}", 409);
        api.post("/api/v1/contracts/" + id + "/renew", pia, "{\"periods\": 1}", 409);

        // a period not billed yet: its month's run will charge the used days only
        long later = api.post(CONTRACTS, pia, contract(12, 1, "monthly", 3, "2027-03-01"), 201).get("id").asLong();
        JsonNode renewed = api.post("/api/v1/contracts/" + later + "/renew", pia, "{\"periods\": 2}", 201);
        assertThat(renewed.get("startsOn").asText()).isEqualTo("2027-06-01");
        JsonNode notBilled = api.post("/api/v1/contracts/" + later + "/terminate", pia,
                "{\"terminatedOn\": \"2027-03-21\"}", 200).get("proration");
        assertThat(notBilled.get("periodBilled").asBoolean()).isFalse();
        assertThat(notBilled.get("chargeFen").asLong()).isEqualTo(22_581);
        assertThat(notBilled.get("creditFen").asLong()).isZero();
        assertThat(notBilled.get("creditNoteId").isNull()).isTrue();
    }

    @Test
    void aNonOwnerBeyondTheCapOrWhileAnOwnerWaitsIsA409NamingTheRule() throws Exception {
        JsonNode cap = api.post(CONTRACTS, pia, contract(13, 2, "monthly", 7, "2027-01-01"), 409);
        assertThat(ApiCalls.message(cap)).contains("billing.nonOwnerLeaseMaxMonths");

        String otis = running.login("otis", "otis-password");
        api.post(WAITING, otis, "{\"householdId\": 2}", 403);
        String olga = running.login("olga", "olga-password");
        assertThat(api.post(WAITING, olga, "{\"householdId\": 3}", 200).get("items").get(0).get("householdId").asLong())
                .isEqualTo(3);
        JsonNode waits = api.post(CONTRACTS, pia, contract(13, 2, "monthly", 6, "2027-01-01"), 409);
        assertThat(ApiCalls.message(waits)).contains("owner household 3").contains("Civil Code 276");

        // the waiting owner signs and leaves the list; then the non-owner may lease another space
        api.post(CONTRACTS, pia, contract(13, 3, "yearly", 1, "2027-01-01"), 201);
        assertThat(api.get(WAITING, pia, 200).get("items")).isEmpty();
        api.post(CONTRACTS, pia, contract(14, 2, "monthly", 6, "2027-01-01"), 201);
    }

    @Test
    void badFieldsAre400sNamingTheFieldAndWriteNothing() throws Exception {
        String before = running.sqlRows("SELECT count(*) FROM rental_contracts").get(0);
        assertThat(ApiCalls.message(api.post(CONTRACTS, pia, "{\"spaceId\": \"B-011\", \"householdId\": 1, "
                + "\"term\": \"monthly\", \"periods\": 1, \"startsOn\": \"2027-01-01\"}", 400))).contains("'spaceId'");
        assertThat(ApiCalls.message(api.post(CONTRACTS, pia, contract(11, 1, "weekly", 1, "2027-01-01"), 400)))
                .contains("'term'");
        assertThat(ApiCalls.message(api.post(CONTRACTS, pia, contract(11, 1, "monthly", 1, "2027-02-30"), 400)))
                .contains("'startsOn'");
        assertThat(ApiCalls.message(api.post(CONTRACTS, pia, contract(11, 1, "monthly", 0, "2027-01-01"), 400)))
                .contains("periods");
        api.post(CONTRACTS, pia, "{\"householdId\": 1}", 400);
        api.get(CONTRACTS + "?active=maybe", pia, 400);
        api.post("/api/v1/contracts/x/renew", pia, "{\"periods\": 1}", 400);
        assertThat(running.sqlRows("SELECT count(*) FROM rental_contracts")).containsExactly(before);
    }
}
