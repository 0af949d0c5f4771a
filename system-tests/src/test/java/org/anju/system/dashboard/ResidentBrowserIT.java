package org.anju.system.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.Json;
import org.anju.platform.testing.ApiCalls;
import org.anju.platform.testing.RunningPlatform;

/**
 * The resident portal and the console's billing screens in a real headless Chromium against the real
 * platform ({@code dashboards/e2e/resident.mjs}): a month billed through the API, a fund opened, a
 * motion opened; the resident, on a 375 px phone, sees her household with its fund balance, exactly
 * her own invoice with its lines, pays it through the sandbox provider (its signed callback settles
 * the order) and sees it paid with its receipt without a reload, a charging session's cost per tier
 * and her visitor record; another
 * household's invoice URL shows the not-found page; she casts her household's ballot, which the API
 * then holds. Each staff role gets the billing menu the API allows it (a technician none, and the
 * not-found page at each money screen's URL, but the work orders, on a phone); every screen passes axe-core; a page opened without
 * the test-only flag exposes no test hook; screenshots land in {@code system-tests/target/screens/}.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class ResidentBrowserIT {

    private static final String COMMUNITY = "/api/v1/communities/elm-court";
    private static final List<String> MONEY_SCREENS = List.of("billing", "arrears", "tariffs", "parking", "charging", "fund", "motions");

    @Test
    void aResidentSeesOnlyHerOwnBillsAndVotesAndStaffSeeTheirBillingScreens() throws Exception {
        Path repo = BrowserScripts.repositoryRoot();
        BrowserScripts.requireBrowser(repo);
        try (RunningPlatform running = RunningPlatform.start(Map.of())) {
            running.fixtures().propertyUser("paul", "paul-password", "property_admin")
                    .propertyUser("olga", "olga-password", "operator").propertyUser("tess", "tess-password", "technician")
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
                    INSERT INTO charging_sessions (id, community_id, device_id, connector_id, transaction_id, household_id,
                            started_at, stopped_at, energy_wh, amount_fen, state, settled_at) VALUES
                      (1, 'elm-court', 'evc-1', 1, 7, 1, '2026-11-20T10:00:00Z', '2026-11-20T12:00:00Z', 12000, 1170, 'priced',
                       '2026-11-20T12:00:00Z'),
                      (2, 'elm-court', 'evc-1', 1, 8, 2, '2026-11-21T10:00:00Z', '2026-11-21T12:00:00Z', 5000, 500, 'priced',
                       '2026-11-21T12:00:00Z');
                    INSERT INTO charging_session_lines (session_id, tariff_id, tier, wh, fen_per_kwh, cost_fen) VALUES
                      (1, 'default', 'peak', 8000, 105.0, 840), (1, 'default', 'valley', 4000, 82.5, 330);
                    """);
            ApiCalls api = new ApiCalls(running);
            String paul = running.login("paul", "paul-password");
            api.post(COMMUNITY + "/billing-runs", paul, "{\"period\": \"2026-11\"}", 200);
            api.put(COMMUNITY + "/fund/settings", paul, "{\"firstDepositFenPerM2\": 5000}", 200);
            api.post(COMMUNITY + "/fund/first-deposits", paul, "", 200);
            long motion = api.post(COMMUNITY + "/motions", paul,
                    "{\"kind\": \"common_parts_business\", \"title\": \"电梯广告位出租\", \"votingDays\": 7}", 201).get("id").asLong();
            api.post("/api/v1/motions/" + motion + "/open", paul, "", 200);
            String rita = running.login("rita", "rita-password");
            JsonNode own = api.get("/api/v1/me/invoices", rita, 200).get("items").get(0);
            long otherInvoice = api.get("/api/v1/me/invoices", running.login("otis", "otis-password"), 200).get("items").get(0).get("id").asLong();
            long fundFen = api.get("/api/v1/households/1/fund", rita, 200).get("balanceFen").asLong();
            long contracts = StreamSupport.stream(api.get("/api/v1/me/contracts", rita, 200).get("items").spliterator(), false)
                    .filter(c -> c.get("householdId").asLong() == 1).count();

            Path users = Files.createTempFile("anju-users", ".json");
            Files.writeString(users, Json.MAPPER.writeValueAsString(Map.of("resident", List.of("rita", "rita-password"),
                    "property_admin", List.of("paul", "paul-password"), "operator", List.of("olga", "olga-password"),
                    "technician", List.of("tess", "tess-password"))));
            Path ids = Files.createTempFile("anju-ids", ".json");
            Files.writeString(ids, Json.MAPPER.writeValueAsString(Map.of("ownInvoice", own.get("id").asLong(),
                    "otherInvoice", otherInvoice, "motion", motion, "household", 1, "session", 1, "period", "2026-11")));
            JsonNode r = BrowserScripts.run(repo.resolve("dashboards/e2e/resident.mjs"), List.of("--url", running.baseUrl() + "/",
                    "--users", users.toString(), "--ids", ids.toString(), "--out", repo.resolve("system-tests/target/screens").toString(),
                    "--timeout-ms", "480000"), need -> "");

            assertThat(r.get("ok").asBoolean()).as("browser run: %s", r).isTrue();
            JsonNode res = r.get("resident");
            assertThat(res.get("households").asInt()).isEqualTo(1);
            assertThat(res.get("fund").asText()).startsWith(yuan(fundFen));
            assertThat(res.get("contracts").asLong()).as("my contracts, as the API lists them").isEqualTo(contracts);
            assertThat(res.get("scrollsSideways").asBoolean()).as("the phone page scrolls sideways").isFalse();
            assertThat(longs(res.get("invoices"))).containsExactly(own.get("id").asLong());
            assertThat(res.at("/invoice/total").asText()).isEqualTo(yuan(own.get("totalFen").asLong()));
            assertThat(res.at("/invoice/lines").asInt()).isEqualTo(own.get("lines").size());
            // The sandbox failed the first payment: shown failed in words, with the provider's reason.
            JsonNode failed = api.get("/api/v1/payments/" + res.at("/failed/orderId").asLong(), rita, 200);
            assertThat(failed.get("status").asText()).isEqualTo("failed");
            assertThat(res.at("/failed/text").asText()).contains("支付失败", failed.get("failureReason").asText());
            assertThat(res.at("/failed/banner").asText()).contains("支付失败：" + failed.get("failureReason").asText());
            // Paid through the sandbox: the provider's signed callback settled the order, shown without a reload.
            assertThat(res.get("qrContent").asText()).startsWith("anju-sandbox://pay?");
            JsonNode order = api.get("/api/v1/payments/" + res.at("/payment/orderId").asLong(), rita, 200);
            assertThat(order.get("status").asText()).isEqualTo("paid");
            assertThat(order.get("invoiceId").asLong()).isEqualTo(own.get("id").asLong());
            assertThat(order.get("amountFen").asLong()).isEqualTo(own.get("totalFen").asLong());
            assertThat(res.at("/payment/text").asText()).contains("已支付", "收据号 " + order.get("receiptNumber").asLong(),
                    yuan(own.get("totalFen").asLong()));
            assertThat(res.at("/payment/samePage").asBoolean()).as("paid without a reload").isTrue();
            assertThat(res.at("/payment/payButtonAfter").asInt()).isZero();
            assertThat(res.get("otherInvoiceNotFound").asBoolean()).isTrue();
            assertThat(res.get("otherInvoiceShown").asInt()).isZero();
            assertThat(texts(res.get("tierLines"))).hasSize(2).anySatisfy(l -> assertThat(l).contains("高峰", "¥8.40"))
                    .anySatisfy(l -> assertThat(l).contains("低谷", "¥3.30"));
            assertThat(res.get("visits").asInt()).isEqualTo(1);
            assertThat(res.get("rules").asText()).contains("专有面积", "业主人数");
            assertThat(res.get("ballotAfterReload").asText()).isEqualTo("yes");
            assertThat(res.get("buttonsAfterReload").asInt()).isZero();
            assertThat(api.get("/api/v1/motions/" + motion + "/ballots/1", rita, 200).get("choice").asText()).isEqualTo("yes");

            assertThat(texts(r.at("/roles/property_admin/nav"))).containsExactlyElementsOf(MONEY_SCREENS);
            assertThat(r.at("/roles/property_admin/refused")).isEmpty();
            // Arrears and revenue are the administrators' (the API answers an operator 403).
            assertThat(texts(r.at("/roles/operator/nav"))).containsExactlyElementsOf(MONEY_SCREENS.stream().filter(n -> !n.equals("arrears")).toList());
            assertThat(texts(r.at("/roles/operator/refused"))).containsExactly("arrears");
            assertThat(r.at("/roles/technician/nav")).as("a technician sees no money").isEmpty();
            assertThat(texts(r.at("/roles/technician/refused"))).containsExactlyElementsOf(MONEY_SCREENS);
            for (String role : List.of("property_admin", "operator", "technician")) {
                assertThat(r.at("/roles/" + role + "/maintenance").asBoolean()).as("work orders for %s", role).isTrue();
            }
            assertThat(r.get("runMessage").asText()).startsWith("2026-11 已出过账");
            assertThat(r.get("creditNoteRefusal").asText()).as("the API's 409 shown").contains("数据已变化");
            assertThat(r.get("arrearsCsv").asText()).endsWith("/arrears/export.csv");
            assertThat(r.get("revenueMonths").asInt()).as("months with revenue").isPositive();
            assertThat(r.get("hooksWithoutFlag")).as("test hooks in a page without the test-only flag").isEmpty();
            assertThat(r.get("axe").size()).isGreaterThanOrEqualTo(15);
            r.get("axe").fields().forEachRemaining(e -> assertThat(e.getValue()).as("axe on %s", e.getKey()).isEmpty());
            r.get("screenshots").forEach(s -> assertThat(Path.of(s.asText())).isNotEmptyFile());
        }
    }

    /** Fen as the zh-CN screens show money: ¥1,234.56. */
    private static String yuan(long fen) {
        return String.format(Locale.ROOT, "¥%,d.%02d", fen / 100, fen % 100);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asLong()));
        return out;
    }
}
