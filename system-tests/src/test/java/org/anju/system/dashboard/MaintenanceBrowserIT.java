package org.anju.system.dashboard;

import static org.anju.system.dashboard.BrowserScripts.longs;
import static org.anju.system.dashboard.BrowserScripts.textFields;
import static org.anju.system.dashboard.BrowserScripts.texts;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.Json;
import org.anju.platform.maintenance.DueWork;
import org.anju.platform.maintenance.WorkSource;
import org.anju.platform.maintenance.work.WorkOrders;
import org.anju.platform.testing.ApiCalls;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.RunningPlatform;

/**
 * The console's maintenance screens in a real headless Chromium against the real platform
 * ({@code dashboards/e2e/maintenance.mjs}): assets and plans provisioned through the API, the daily
 * plan run opening their work orders, 30 days of a detector's falling battery in the rollups and its
 * forecast with the work order it opened. Each role gets the screens role-matrix.txt allows (the
 * others show the not-found page), each passes axe-core; the property administrator's change of the
 * elevator plan to 16 days is refused with the 15-day rule in words, and his threshold change is held
 * by the API; the calendar links the open orders and highlights the overdue plan; the forecast's
 * evidence chart draws its points and its limit; a technician and a contractor work their orders on
 * a 390 px phone without sideways scrolling and with finger-sized buttons. The overview counts the
 * orders due by today, the overdue one highlighted, as each role's work-orders list answers.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class MaintenanceBrowserIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String BASE = "/api/v1/communities/elm-court/maintenance";
    private static final List<String> SCREENS = List.of("plans", "calendar", "counters", "forecasts", "performance");
    private static final List<String> READS = List.of("plans", "calendar", "counters", "forecasts");

    @Test
    void eachRoleGetsItsMaintenanceScreensAndTheRulesAreShownInWords() throws Exception {
        Path repo = BrowserScripts.repositoryRoot();
        BrowserScripts.requireBrowser(repo);
        // The daily forecast pass would replace the forecast seeded below: keep it for the day's end.
        try (RunningPlatform running = RunningPlatform.start(Map.of("ANJU_MAINTENANCE_FORECAST_RUN_AT", "23:59"))) {
            running.fixtures().device("elev-1", "elevator", "device-secret").device("det-1", "smoke_detector", "device-secret")
                    .device("evc-1", "ev_charger", "device-secret").platformAdmin("root", "root-password-1")
                    .propertyUser("paul", "paul-password-1", "property_admin").propertyUser("olga", "olga-password-1", "operator")
                    .propertyUser("tess", "tess-password-1", "technician")
                    .propertyUser("cora", "cora-password-1", "maintenance_contractor");
            ApiCalls api = new ApiCalls(running);
            String paul = running.login("paul", "paul-password-1");
            String company = api.post("/api/v1/tenants/" + Fixtures.TENANT + "/maintainer-companies", paul,
                    "{\"name\": \"Otis Shanghai\"}", 201).get("id").asText();
            api.put("/api/v1/maintainer-companies/" + company + "/staff/cora", paul, "{}", 200);

            // GIVEN assets and plans: the elevator due in 3 days (within its lead), the charger 2 days overdue
            LocalDate today = running.platform().maintenancePlans().today();
            api.put(BASE + "/assets", paul, """
                    {"assets": [
                      {"deviceId": "elev-1", "mode": "on_demand", "registrationCode": "31103101002019000123",
                       "maintainerCompanyId": "%s", "maintainerCompanyName": "Otis Shanghai", "contractRef": "OTIS-2027-01"},
                      {"deviceId": "det-1", "maintainerCompanyId": "%s", "maintainerCompanyName": "Otis Shanghai"},
                      {"deviceId": "evc-1", "contractRef": "EVC-7"}]}""".formatted(company, company), 200);
            long elevatorPlan = plan(api, paul, "elev-1", "elevator_half_monthly", today.plusDays(3));
            plan(api, paul, "det-1", "detector_test", today.plusDays(10));
            long chargerPlan = plan(api, paul, "evc-1", "charger_inspection", today.minusDays(2));
            api.put(BASE + "/counter-thresholds", paul, "{\"elevator_trips\": 100}", 200);
            // 150 trips since the asset was provisioned (its counters start then)
            running.sql("INSERT INTO telemetry (ts, device_id, metric, value) VALUES (now() + INTERVAL '1 minute', 'elev-1',"
                    + " 'trips', 1000), (now() + INTERVAL '2 minutes', 'elev-1', 'trips', 1150)");
            WorkOrders orders = new WorkOrders(running.platform().database().work(), Clock.systemUTC());
            running.platform().maintenancePlans().run(today, orders);
            long elevatorOrder = order(api, paul, "elev-1", "plan:" + elevatorPlan + ":" + today.plusDays(3));
            long chargerOrder = order(api, paul, "evc-1", "plan:" + chargerPlan + ":" + today.minusDays(2));
            api.post("/api/v1/work-orders/" + elevatorOrder + "/assign", paul,
                    "{\"companyId\": " + company + ", \"assignee\": \"tess\"}", 200);

            // AND a detector's battery falling 0.4 a day for 30 days, its forecast and the order it opened
            long forecastOrder = seedForecast(running, orders, today);
            api.post("/api/v1/work-orders/" + forecastOrder + "/assign", paul, "{\"companyId\": " + company + "}", 200);

            Path users = Files.createTempFile("anju-users", ".json");
            Files.writeString(users, Json.MAPPER.writeValueAsString(Map.of("platform_admin", List.of("root", "root-password-1"),
                    "property_admin", List.of("paul", "paul-password-1"), "operator", List.of("olga", "olga-password-1"),
                    "technician", List.of("tess", "tess-password-1"), "maintenance_contractor", List.of("cora", "cora-password-1"))));
            Path ids = Files.createTempFile("anju-ids", ".json");
            Files.writeString(ids, Json.MAPPER.writeValueAsString(Map.of("elevatorPlan", elevatorPlan, "elevatorOrder", elevatorOrder,
                    "chargerOrder", chargerOrder, "forecastOrder", forecastOrder, "overdueDay", today.minusDays(2).toString())));
            JsonNode r = BrowserScripts.run(repo.resolve("dashboards/e2e/maintenance.mjs"), List.of("--url", running.baseUrl() + "/",
                    "--users", users.toString(), "--ids", ids.toString(), "--out", repo.resolve("system-tests/target/screens").toString(),
                    "--timeout-ms", "480000"), need -> "");

            assertThat(r.get("ok").asBoolean()).as("browser run: %s", r).isTrue();
            // the overview's work orders due: the charger's (2 days overdue, highlighted) and the elevator's
            // counter order (due today) for the administrator; the technician's one order is due in 3 days
            assertThat(textFields(r.at("/overview/property_admin/figures"))).containsEntry("kpi-work-due", "2")
                    .containsEntry("kpi-work-overdue", "逾期 1 张");
            assertThat(texts(r.at("/overview/property_admin/highlighted"))).contains("kpi-work-due");
            assertThat(textFields(r.at("/overview/technician/figures"))).containsExactlyEntriesOf(Map.of("kpi-work-due", "0"));
            assertThat(r.at("/overview/technician/highlighted")).isEmpty();
            for (String role : List.of("platform_admin", "property_admin", "operator")) {
                assertThat(texts(r.at("/roles/" + role + "/nav"))).as(role).containsExactlyElementsOf(SCREENS);
            }
            assertThat(texts(r.at("/roles/technician/nav"))).containsExactlyElementsOf(READS);
            assertThat(texts(r.at("/roles/technician/refused"))).containsExactly("performance");
            assertThat(texts(r.at("/roles/maintenance_contractor/nav"))).containsExactly("performance");
            assertThat(texts(r.at("/roles/maintenance_contractor/refused"))).containsExactlyElementsOf(READS);
            for (String role : List.of("platform_admin", "property_admin", "operator", "technician", "maintenance_contractor")) {
                assertThat(r.at("/roles/" + role + "/failed")).as("screens of %s answering an error", role).isEmpty();
            }

            // assets and plans; an administrator's edit refused by the 15-day rule, in words; others no forms
            assertThat(r.at("/plans/assets").asInt()).isEqualTo(3);
            assertThat(r.at("/plans/plans").asInt()).isEqualTo(3);
            assertThat(r.at("/plans/registrationCode").asText()).contains("31103101002019000123");
            assertThat(r.at("/plans/rule").asText()).isEqualTo("elevator.max_15_days");
            assertThat(r.at("/plans/refusal").asText()).contains("电梯维保间隔不得超过 15 天", "elevator.max_15_days");
            assertThat(api.get(BASE + "/plans", paul, 200).at("/plans")).filteredOn(p -> p.get("id").asLong() == elevatorPlan)
                    .singleElement().satisfies(p -> assertThat(p.get("every").asInt()).isEqualTo(15));
            assertThat(r.at("/roles/operator/forms").asInt()).as("forms offered to an operator").isZero();
            assertThat(r.at("/roles/technician/forms").asInt()).as("forms offered to a technician").isZero();

            // the calendar: the overdue charger first, highlighted, both occurrences linked to their orders
            assertThat(r.at("/calendar/firstDay").asText()).isEqualTo(today.minusDays(2).toString());
            assertThat(r.at("/calendar/overdue").asInt()).isEqualTo(1);
            assertThat(longs(r.at("/calendar/orderLinks"))).contains(elevatorOrder, chargerOrder);
            assertThat(texts(r.at("/calendar/weekDays"))).containsExactly(today.minusDays(2).toString(), today.plusDays(3).toString());
            assertThat(texts(r.at("/calendar/monthDays"))).as("the elevator's next visit, 15 days after the first")
                    .contains(today.minusDays(2).toString(), today.plusDays(3).toString(), today.plusDays(18).toString());

            // counters and the threshold an administrator changed
            assertThat(r.at("/counters/rows").asInt()).as("3 elevator and 3 charger counters").isEqualTo(6);
            assertThat(r.at("/counters/over").asInt()).as("150 trips over the threshold").isEqualTo(1);
            assertThat(api.get(BASE + "/counter-thresholds", paul, 200).get("elevator_trips").asDouble()).isEqualTo(120.0);

            // the forecast: its evidence chart drawn with points and limit, and its work order linked
            assertThat(r.at("/forecasts/rows").asInt()).isEqualTo(1);
            assertThat(r.at("/forecasts/orderLink").asLong()).isEqualTo(forecastOrder);
            assertThat(r.at("/forecasts/chart/canvas").asBoolean()).isTrue();
            assertThat(r.at("/forecasts/chart/historyPoints").asInt()).as("the daily values given to the chart").isEqualTo(30);
            assertThat(r.at("/forecasts/chart/limitPixels").asInt()).as("the limit drawn").isPositive();

            // performance: the company that has the orders, by name
            assertThat(r.at("/performance/companies").asText()).contains("Otis Shanghai");

            // phones: no sideways scrolling, buttons at least 44 px, the technician starts and answers the checklist
            for (String who : List.of("technician", "maintenance_contractor")) {
                assertThat(r.at("/phone/" + who + "/scrollsSideways").asBoolean()).as("%s's phone scrolls sideways", who).isFalse();
                assertThat(r.at("/phone/" + who + "/smallestButton").asDouble()).as("%s's smallest button", who).isGreaterThanOrEqualTo(44);
                assertThat(r.at("/phone/" + who + "/navHeight").asDouble()).as("%s's menu on one line", who).isLessThan(60);
            }
            JsonNode worked = api.get("/api/v1/work-orders/" + elevatorOrder, paul, 200);
            assertThat(worked.get("status").asText()).isEqualTo("in_progress");
            assertThat(worked.get("crew")).hasSize(2);
            assertThat(worked.get("checklistResults").size()).isEqualTo(worked.get("checklist").size());
            assertThat(r.at("/phone/technician/checked").asInt()).as("the answered items ticked after saving")
                    .isEqualTo(worked.get("checklist").size());
            assertThat(r.at("/phone/maintenance_contractor/evidence").asBoolean()).as("the forecast's chart on the contractor's phone").isTrue();

            assertThat(r.get("axe").size()).isGreaterThanOrEqualTo(15);
            r.get("axe").fields().forEachRemaining(e -> assertThat(e.getValue()).as("axe on %s", e.getKey()).isEmpty());
            r.get("screenshots").forEach(s -> assertThat(Path.of(s.asText())).isNotEmptyFile());
        }
    }

    private static long plan(ApiCalls api, String token, String device, String kind, LocalDate startOn) throws Exception {
        return api.post(BASE + "/plans", token, "{\"deviceId\": \"" + device + "\", \"kind\": \"" + kind + "\", \"startOn\": \""
                + startOn + "\"}", 201).get("id").asLong();
    }

    /** The id of the device's work order opened for {@code sourceRef}. */
    private static long order(ApiCalls api, String token, String device, String sourceRef) throws Exception {
        for (JsonNode o : api.get("/api/v1/communities/elm-court/work-orders?deviceId=" + device, token, 200).get("items")) {
            if (o.get("sourceRef").asText().equals(sourceRef)) {
                return o.get("id").asLong();
            }
        }
        throw new AssertionError("no work order " + sourceRef);
    }

    /**
     * Writes 30 daily battery readings of det-1 (40 % falling 0.4 a day) with their rollups, the forecast
     * the pass makes of them (the battery reaches 10 % in 46 days) and the work order it opens; returns its id.
     */
    private static long seedForecast(RunningPlatform running, WorkOrders orders, LocalDate today) {
        LocalDate first = today.minusDays(30);
        LocalDate last = today.minusDays(1);
        Instant from = first.atStartOfDay(SHANGHAI).toInstant();
        running.sql("INSERT INTO telemetry (ts, device_id, metric, value) SELECT '%s'::timestamptz + d * INTERVAL '1 day'"
                .formatted(from.plus(10, ChronoUnit.HOURS)) + ", 'det-1', 'battery', 40 - 0.4 * d FROM generate_series(0, 29) d");
        running.platform().storageJobs().rollups().rebuild(from, Instant.now().truncatedTo(ChronoUnit.HOURS));
        LocalDate expected = last.plusDays(46);
        running.sql("""
                INSERT INTO maintenance_forecasts (device_id, subject, metric, outcome, computed_at, raised_at, points,
                       first_day, last_day, slope_per_day, slope_low, slope_high, level, limit_value, rising, confidence,
                       expected_on, earliest_on, latest_on, due_in_days) VALUES
                ('det-1', 'battery_depletion', 'battery', 'due', now(), now(), 30, '%s', '%s', -0.4, -0.42, -0.38, 28.4, 10,
                 false, 1, '%s', '%s', '%s', %d)""".formatted(first, last, expected, last.plusDays(44), last.plusDays(48),
                ChronoUnit.DAYS.between(today, expected)));
        // the order's evidence as the pass writes it (DeviceForecast.json)
        String evidence = """
                {"deviceId": "det-1", "subject": "battery_depletion", "metric": "battery", "outcome": "due", "expectedOn": "%s",
                 "earliestOn": "%s", "latestOn": "%s", "dueInDays": %d, "evidence": {"points": 30, "firstDay": "%s",
                 "lastDay": "%s", "slopePerDay": -0.4, "slopeLow": -0.42, "slopeHigh": -0.38, "level": 28.4, "limit": 10.0,
                 "rising": false, "confidence": 1.0}}""".formatted(expected, last.plusDays(44), last.plusDays(48),
                ChronoUnit.DAYS.between(today, expected), first, last);
        DueWork due = new DueWork("elm-court", "det-1", WorkSource.FORECAST, "forecast:det-1/battery_depletion/battery/" + today,
                last.plusDays(44), "Smoke detector battery running down", List.of(), 1, false, evidence);
        return running.platform().database().work().inTransaction("test", tx -> orders.open(tx, due));
    }
}
