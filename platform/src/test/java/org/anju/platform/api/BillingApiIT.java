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
 * Billing runs and invoices over real HTTP on a running platform: a property administrator bills a
 * month (a priced visit and a priced charging session become lines), a second call answers the same
 * run and adds nothing; staff list and filter the invoices; each resident reads their own household's
 * invoices, and another household's is a 404; bad input is a 400.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class BillingApiIT {

    private static final String RUNS = "/api/v1/communities/elm-court/billing-runs";
    private static RunningPlatform running;
    private static ApiCalls api;
    private static String pia;

    @BeforeAll
    static void start() throws Exception {
        running = RunningPlatform.start(Map.of());
        api = new ApiCalls(running);
        running.fixtures().propertyUser("pia", "pia-password", "property_admin")
                .propertyUser("rita", "rita-password", "resident").propertyUser("otis", "otis-password", "resident");
        running.sql("""
                INSERT INTO households (id, community_id, building_id, unit_id, floor, number, private_area_m2) VALUES
                  (1, 'elm-court', 'elm-b1', NULL, 3, '301', 89.50), (2, 'elm-court', 'elm-b1', NULL, 4, '401', 92.00);
                INSERT INTO household_members (household_id, username, relation, since) VALUES
                  (1, 'rita', 'owner', '2020-01-01'), (2, 'otis', 'owner', '2020-01-01');
                INSERT INTO parking_visits (community_id, source_key, plate, car_park, entry_ts, exit_ts, household_id,
                        exemption, amount_fen, settled_at) VALUES
                  ('elm-court', 'k1', '京A11111', 'north', '2026-11-10T01:00:00Z', '2026-11-10T05:00:00Z', 1, 'none', 800,
                   '2026-11-10T05:00:00Z');
                INSERT INTO charging_sessions (community_id, device_id, connector_id, transaction_id, household_id,
                        started_at, stopped_at, energy_wh, amount_fen, state, settled_at) VALUES
                  ('elm-court', 'evc-1', 1, 7, 2, '2026-11-20T10:00:00Z', '2026-11-20T12:00:00Z', 12300, 1234, 'priced',
                   '2026-11-20T12:00:00Z');
                """);
        pia = running.login("pia", "pia-password");
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    @Test
    void aMonthIsBilledOnceAndEachHouseholdSeesOnlyItsOwnInvoice() throws Exception {
        JsonNode first = api.post(RUNS, pia, "{\"period\": \"2026-11\"}", 200);
        assertThat(first.get("alreadyRun").asBoolean()).isFalse();
        assertThat(first.get("invoices").asInt()).isEqualTo(2);
        assertThat(first.get("totalFen").asLong()).isEqualTo(800 + 1_234);
        JsonNode again = api.post(RUNS, pia, "{\"period\": \"2026-11\"}", 200);
        assertThat(again.get("alreadyRun").asBoolean()).isTrue();
        assertThat(again.get("totalFen").asLong()).isEqualTo(800 + 1_234);
        assertThat(running.sqlRows("SELECT count(*) FROM invoices")).containsExactly("2");
        assertThat(api.get(RUNS, pia, 200).get("items").get(0).get("period").asText()).isEqualTo("2026-11");

        JsonNode all = api.get("/api/v1/communities/elm-court/invoices", pia, 200).get("items");
        assertThat(all).hasSize(2);
        JsonNode ofOne = api.get("/api/v1/communities/elm-court/invoices?householdId=1&status=open", pia, 200)
                .get("items");
        assertThat(ofOne).hasSize(1);
        assertThat(ofOne.get(0).get("lines").get(0).get("stream").asText()).isEqualTo("visitor_parking");
        assertThat(api.get("/api/v1/communities/elm-court/invoices?status=overdue", pia, 200).get("items")).isEmpty();

        String rita = running.login("rita", "rita-password");
        JsonNode mine = api.get("/api/v1/me/invoices", rita, 200).get("items");
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).get("householdId").asLong()).isEqualTo(1);
        assertThat(api.get("/api/v1/invoices/" + mine.get(0).get("id").asLong(), rita, 200).get("totalFen").asLong())
                .isEqualTo(800);
        String otis = running.login("otis", "otis-password");
        JsonNode his = api.get("/api/v1/me/invoices", otis, 200).get("items");
        assertThat(his.get(0).get("lines").get(0).get("stream").asText()).isEqualTo("charging");
        api.get("/api/v1/invoices/" + his.get(0).get("id").asLong(), rita, 404);
    }

    @Test
    void badInputIsA400() throws Exception {
        api.post(RUNS, pia, "{\"period\": \"2026-13\"}", 400);
        api.post(RUNS, pia, "{\"period\": 202611}", 400);
        api.get("/api/v1/communities/elm-court/invoices?status=paid", pia, 400);
        api.get("/api/v1/communities/elm-court/invoices?householdId=x", pia, 400);
    }
}
