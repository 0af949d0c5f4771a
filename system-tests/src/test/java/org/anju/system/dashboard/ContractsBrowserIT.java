package org.anju.system.dashboard;

import static org.anju.system.dashboard.BrowserScripts.longs;
import static org.anju.system.dashboard.BrowserScripts.textFields;
import static org.anju.system.dashboard.BrowserScripts.texts;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.testing.ApiCalls;
import org.anju.platform.testing.RunningPlatform;

/**
 * The console's parking spaces, contracts and owners' waiting list in a real headless Chromium
 * against the real platform ({@code dashboards/e2e/contracts.mjs}): the estate seeded in SQL, a
 * space_rent tariff and a contract in force today (its first period billed) through the API. The
 * property administrator sees the taken space with its contract, signs a contract from a free space's link, is refused a
 * taken space in words naming the contract that holds it, renews, and terminates with the period
 * shown before confirming and the API's proration after; she puts an owner household on the
 * waiting list, after which a tenant household's lease is refused in words (owners first); the
 * contract in force shows the invoice that billed its first period and, terminated the next day,
 * the credit note of the unused days that the termination issued against it. The
 * operator reads every screen and is offered no action; the technician has no menu entry and gets
 * the not-found page. The overview shows the property administrator 1 of 4 spaces under contract,
 * this month's revenue and the fund balance; the operator no revenue, the technician no money
 * panel, and none of them a refused call. Every screen passes axe-core; screenshots land in
 * {@code system-tests/target/screens/}.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class ContractsBrowserIT {

    private static final String COMMUNITY = "/api/v1/communities/elm-court";

    @Test
    void anAdministratorSignsRenewsAndTerminatesAndOtherRolesSeeWhatTheApiAllows() throws Exception {
        Path repo = BrowserScripts.repositoryRoot();
        BrowserScripts.requireBrowser(repo);
        try (RunningPlatform running = RunningPlatform.start(Map.of())) {
            running.fixtures().propertyUser("paul", "paul-password", "property_admin")
                    .propertyUser("olga", "olga-password", "operator").propertyUser("tess", "tess-password", "technician")
                    .propertyUser("rita", "rita-password", "resident").propertyUser("otis", "otis-password", "resident")
                    .propertyUser("tina", "tina-password", "resident").propertyUser("oona", "oona-password", "resident");
            // households 1, 2 and 4 have an owner; 3 only a tenant. Space 14 is household 1's own.
            running.sql("""
                    INSERT INTO households (id, community_id, building_id, unit_id, floor, number, private_area_m2) VALUES
                      (1, 'elm-court', 'elm-b1', NULL, 3, '301', 89.50), (2, 'elm-court', 'elm-b1', NULL, 4, '401', 92.00),
                      (3, 'elm-court', 'elm-b1', NULL, 5, '501', 70.00), (4, 'elm-court', 'elm-b1', NULL, 6, '601', 70.00);
                    INSERT INTO household_members (household_id, username, relation, since) VALUES
                      (1, 'rita', 'owner', '2020-01-01'), (2, 'otis', 'owner', '2020-01-01'),
                      (3, 'tina', 'tenant', '2020-01-01'), (4, 'oona', 'owner', '2020-01-01');
                    INSERT INTO parking_spaces (id, community_id, number, kind, ownership, owner_household_id) VALUES
                      (11, 'elm-court', 'B-011', 'underground', 'developer', NULL),
                      (12, 'elm-court', 'B-012', 'underground', 'developer', NULL),
                      (13, 'elm-court', 'C-013', 'surface', 'common', NULL),
                      (14, 'elm-court', 'P-014', 'surface', 'private', 1);
                    """);
            ApiCalls api = new ApiCalls(running);
            String paul = running.login("paul", "paul-password");
            api.post(COMMUNITY + "/tariffs", paul, """
                    {"kind": "space_rent", "effectiveFrom": "2026-01-01", "body": {
                      "monthlyFen": {"surface": 20000, "underground": 35000, "mechanical": 15000},
                      "quarterlyFen": {"surface": 57000, "underground": 100000, "mechanical": 43000},
                      "yearlyFen": {"surface": 220000, "underground": 380000, "mechanical": 160000}}}""", 201);
            String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
            long inForce = api.post(COMMUNITY + "/contracts", paul, """
                    {"spaceId": 12, "householdId": 2, "term": "monthly", "periods": 12, "startsOn": "%s"}""".formatted(today), 201)
                    .get("id").asLong();
            // its first period is billed by the run of this month
            api.post(COMMUNITY + "/billing-runs", paul, "{\"period\": \"" + today.substring(0, 7) + "\"}", 200);
            JsonNode invoice = api.get(COMMUNITY + "/invoices?householdId=2", paul, 200).at("/items/0");
            // the fund: 50 CNY per m² of the 321.5 m² of the four households = 16,075.00 CNY
            api.put(COMMUNITY + "/fund/settings", paul, "{\"firstDepositFenPerM2\": 5000}", 200);
            api.post(COMMUNITY + "/fund/first-deposits", paul, "{}", 200);

            Path users = BrowserScripts.jsonFile("anju-users", Map.of("property_admin", List.of("paul", "paul-password"),
                    "operator", List.of("olga", "olga-password"), "technician", List.of("tess", "tess-password")));
            Map<String, Object> given = new HashMap<>(Map.of("inForce", inForce, "invoice", invoice.get("id").asLong(),
                    "takenSpace", 12, "freeSpace", 11, "commonSpace", 13, "owner", 1,
                    "otherOwner", 4, "tenant", 3, "startsOn", "2027-01-01", "terminateOn", "2027-04-21"));
            given.put("terminateInForceOn", LocalDate.parse(today).plusDays(1).toString());
            Path ids = BrowserScripts.jsonFile("anju-ids", given);
            JsonNode r = BrowserScripts.run(repo.resolve("dashboards/e2e/contracts.mjs"), List.of("--url", running.baseUrl() + "/",
                    "--users", users.toString(), "--ids", ids.toString(), "--out", repo.resolve("system-tests/target/screens").toString(),
                    "--timeout-ms", "480000"), need -> "");

            assertThat(r.get("ok").asBoolean()).as("browser run: %s", r).isTrue();
            // The overview before any signing: 1 of 4 spaces under contract, this month's rent billed,
            // the fund; the operator reads no revenue, the technician no money at all, and no call is refused.
            assertThat(api.get(COMMUNITY + "/fund", paul, 200).get("totalFen").asLong()).isEqualTo(1_607_500);
            assertThat(textFields(r.at("/overview/property_admin/figures"))).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "kpi-work-due", "0", "kpi-parking", "1 / 4", "kpi-revenue", "¥350.00", "kpi-fund", "¥16,075.00"));
            assertThat(textFields(r.at("/overview/operator/figures")).keySet()).containsExactlyInAnyOrder("kpi-work-due", "kpi-parking", "kpi-fund");
            assertThat(textFields(r.at("/overview/technician/figures")).keySet()).containsExactly("kpi-work-due");
            for (String role : List.of("property_admin", "operator", "technician")) {
                assertThat(r.at("/overview/" + role + "/forbidden")).as("calls refused on %s's overview", role).isEmpty();
            }
            JsonNode a = r.get("admin");
            assertThat(a.get("spaceRows").asInt()).isEqualTo(4);
            assertThat(a.get("spacesTaken").asText()).isEqualTo("1");
            assertThat(a.get("takenRow").asText()).contains("B-012", "#" + inForce, "401 · elm-b1 (#2)");
            assertThat(longs(a.get("freeRows"))).as("the private space is its owner's, not free").containsExactlyInAnyOrder(11L, 13L);
            assertThat(a.get("signLinks").asInt()).as("a sign link on each free space").isEqualTo(2);
            assertThat(a.get("preselected").asLong()).isEqualTo(11);

            // Signed as the API holds it: 3 months of an underground space from 2027-01-01.
            long signed = a.get("signed").asLong();
            JsonNode first = api.get("/api/v1/contracts/" + signed, paul, 200);
            assertThat(first.get("spaceId").asLong()).isEqualTo(11);
            assertThat(first.get("householdId").asLong()).isEqualTo(1);
            assertThat(first.get("endsOn").asText()).isEqualTo("2027-04-01");
            assertThat(a.get("periodRent").asText()).isEqualTo("¥350.00");
            assertThat(a.get("periods").asInt()).isEqualTo(3);

            assertThat(a.at("/taken/reason").asText()).isEqualTo("taken");
            assertThat(a.at("/taken/text").asText()).contains("车位 B-011 已被合同 " + signed + " 占用", "2027-01-01", "2027-04-01");
            assertThat(a.at("/taken/link").asText()).endsWith("#/contracts/" + signed);
            assertThat(api.get(COMMUNITY + "/contracts?householdId=4", paul, 200).get("items")).as("nothing written on the 409").isEmpty();

            // Renewed for 2 months from its end, then terminated on 21 April: 20 of April's 30 days
            // used, 35,000 × 20/30 = 23,333.3 → 23,333 fen; the period was not billed, so its run charges that.
            long renewed = a.get("renewed").asLong();
            JsonNode renewal = api.get("/api/v1/contracts/" + renewed, paul, 200);
            assertThat(renewal.get("renewsContractId").asLong()).isEqualTo(signed);
            assertThat(renewal.get("startsOn").asText()).isEqualTo("2027-04-01");
            assertThat(renewal.get("terminatedOn").asText()).isEqualTo("2027-04-21");
            assertThat(a.get("renewedFacts").asText()).contains("2027-06-01");
            assertThat(a.get("preview").asText()).contains("2027-04-21", "2027-04-01", "2027-05-01", "¥350.00");
            assertThat(a.at("/proration/used").asText()).isEqualTo("¥233.33");
            assertThat(a.at("/proration/refund").asText()).isEqualTo("¥116.67");
            assertThat(a.at("/proration/settlement").asText()).contains("尚未出账", "¥233.33");
            assertThat(a.get("coveredUntil").asText()).isEqualTo("2027-04-21");
            assertThat(a.get("renewFormAfter").asInt()).as("a terminated contract offers no renewal").isZero();
            assertThat(longs(a.get("listedForSpace"))).containsExactly(renewed, signed);

            assertThat(longs(a.get("waiting"))).containsExactly(4L);
            assertThat(api.get(COMMUNITY + "/parking/waiting-list", paul, 200).at("/items/0/householdId").asLong()).isEqualTo(4);
            assertThat(a.at("/ownerWaiting/reason").asText()).isEqualTo("ownerWaiting");
            assertThat(a.at("/ownerWaiting/text").asText()).contains("业主住户 4 正在排队", "民法典");
            assertThat(api.get(COMMUNITY + "/contracts?spaceId=13", paul, 200).get("items")).isEmpty();

            assertThat(a.get("billedPeriod").asText()).as("the period's rent line, contract:%d:0", inForce)
                    .contains("#" + invoice.get("id").asLong() + " (" + today.substring(0, 7) + ")", "¥350.00");
            // Then terminated tomorrow: 1 of its first period's N days used, 35,000 × 1/N half up; the
            // rest comes back as the credit note the termination issued against that invoice.
            long days = ChronoUnit.DAYS.between(LocalDate.parse(today), LocalDate.parse(today).plusMonths(1));
            long refund = 35_000 - (35_000 * 2 + days) / (2 * days);
            List<String> note = running.sqlRows("SELECT id FROM invoices WHERE credits_invoice_id = "
                    + invoice.get("id").asLong() + " AND total_fen = " + refund);
            assertThat(note).hasSize(1);
            assertThat(a.get("inForceSettlement").asText()).contains("红冲单 #" + note.getFirst(),
                    "#" + invoice.get("id").asLong(), String.format("¥%,.2f", refund / 100.0));
            JsonNode op = r.at("/roles/operator");
            assertThat(texts(op.get("nav"))).containsExactly("spaces", "contracts", "waiting-list");
            assertThat(op.get("signLinks").asInt()).isZero();
            assertThat(op.get("signForm").asInt()).isZero();
            assertThat(op.get("contractForms").asInt()).isZero();
            assertThat(op.get("waitingForm").asInt()).isZero();
            assertThat(op.get("waiting").asInt()).isEqualTo(1);
            JsonNode tech = r.at("/roles/technician");
            assertThat(tech.get("nav")).isEmpty();
            assertThat(texts(tech.get("notFound"))).containsExactly("spaces", "contracts", "waiting-list", "contracts/1");

            assertThat(r.get("axe").size()).isGreaterThanOrEqualTo(8);
            r.get("axe").fields().forEachRemaining(e -> assertThat(e.getValue()).as("axe on %s", e.getKey()).isEmpty());
            r.get("screenshots").forEach(s -> assertThat(Path.of(s.asText())).isNotEmptyFile());
        }
    }
}
