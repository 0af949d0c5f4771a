package org.anju.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.api.AccessWorld.Caller;
import org.anju.platform.testing.ApiCalls;
import org.anju.platform.testing.RunningPlatform;

/**
 * Issue 13's per-community maintenance settings and the last gaps of its work orders, on a running
 * platform with real MQTT and HTTP: the settings API (who reads, who changes, the 400 that names the
 * field, the audit), a community's own due days and escalation steps against another that keeps the
 * defaults, orders routed at once to the asset's maintainer company, and a fault that clears
 * recorded on its order, which stays open for its inspection.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class MaintenanceSettingsIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static RunningPlatform running;
    private static AccessWorld world;
    private static ApiCalls api;

    @BeforeAll
    static void start() throws Exception {
        running = RunningPlatform.start(Map.of());
        world = AccessWorld.build(running);
        api = new ApiCalls(running);
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void staffReadTheSettingsPropertyAdministratorsChangeThemAndBadFiguresAreRefusedNamingTheField() throws Exception {
        String path = settings("elm-court");
        String pia = token(Caller.PROPERTY_ADMIN);
        JsonNode initial = api.get(path, pia, 200);
        assertThat(initial.at("/effective/faultDueDays").asInt()).isEqualTo(1);
        assertThat(initial.at("/defaults/escalationDays").toString()).isEqualTo("[1,3,7]");
        assertThat(initial.at("/defaults/batteryFloorPercent").toString()).isEqualTo("10");
        assertThat(initial.at("/own/faultDueDays").isNull()).isTrue();
        api.get(path, token(Caller.OPERATOR), 200);
        api.get(path, token(Caller.TECHNICIAN), 200);
        api.get(path, token(Caller.CONTRACTOR), 403);
        api.get(path, token(Caller.RESIDENT), 403);
        api.put(path, token(Caller.OPERATOR), "{\"faultDueDays\": 2}", 403);
        api.put(settings("oak-yard"), pia, "{\"faultDueDays\": 2}", 403);

        assertThat(api.put(path, pia, "{\"horizonDays\": -5}", 400).toString()).contains("field 'horizonDays'");
        assertThat(api.put(path, pia, "{\"connectorTemperatureLimitC\": 5000}", 400).toString())
                .contains("field 'connectorTemperatureLimitC' must be from 0 to 150");
        assertThat(api.put(path, pia, "{\"escalationDays\": [3, 1]}", 400).toString())
                .contains("field 'escalationDays' must be strictly ascending");
        assertThat(api.put(path, pia, "{\"emergencyDueDays\": 5}", 400).toString())
                .contains("field 'emergencyDueDays' must not be more than faultDueDays (1)");
        assertThat(api.put(path, pia, "{\"tripsThreshold\": 5}", 400).toString())
                .contains("field 'tripsThreshold' is not a maintenance setting");

        JsonNode changed = api.put(path, pia, "{\"batteryFloorPercent\": 20, \"escalationDays\": [2, 4]}", 200);
        assertThat(changed.at("/effective/batteryFloorPercent").toString()).isEqualTo("20");
        assertThat(changed.at("/effective/escalationDays").toString()).isEqualTo("[2,4]");
        assertThat(changed.at("/effective/horizonDays").asInt()).isEqualTo(90);
        assertThat(api.get(path, token(Caller.TECHNICIAN), 200).at("/own/batteryFloorPercent").toString()).isEqualTo("20");
        assertThat(running.sqlRows("SELECT actor || ' ' || target FROM audit_log"
                + " WHERE action = 'maintenance.settings_changed'")).containsExactly("pia community:elm-court");

        // null returns a figure to the default
        JsonNode reset = api.put(path, pia, "{\"batteryFloorPercent\": null, \"escalationDays\": null}", 200);
        assertThat(reset.at("/own/batteryFloorPercent").isNull()).isTrue();
        assertThat(reset.at("/effective/escalationDays").toString()).isEqualTo("[1,3,7]");
    }

    @Test
    void aCommunitysOwnDueDaysAndEscalationStepsApplyWhileAnotherKeepsTheDefaults() throws Exception {
        // GIVEN oak-yard's own figures; elm-court keeps the defaults (due the next day; steps 1, 3, 7)
        api.put(settings("oak-yard"), token(Caller.PLATFORM_ADMIN), "{\"faultDueDays\": 3, \"escalationDays\": [2, 5]}",
                200);

        // WHEN the same fault happens on a lift of each
        JsonNode oak = faultOrder("oak-yard", "oak-lift", "04");
        JsonNode elm = faultOrder("elm-court", "elm-lift", "04");

        // THEN oak-yard's order is due 3 days after the fault, elm-court's the next day
        assertThat(daysToDue(oak)).isEqualTo(3);
        assertThat(daysToDue(elm)).isEqualTo(1);

        // WHEN both are 4 days overdue THEN oak-yard's reached its first step (2 days) only, elm-court's two (1, 3)
        LocalDate fourDaysAgo = LocalDate.now(SHANGHAI).minusDays(4);
        running.sql("UPDATE work_orders SET due_on = '" + fourDaysAgo + "' WHERE id IN (" + oak.get("id").asLong() + ", "
                + elm.get("id").asLong() + ")");
        running.platform().overdueWork().runOnce();
        assertThat(steps(oak)).containsExactly("1");
        assertThat(steps(elm)).containsExactly("1", "2");
    }

    @Test
    void anOrderForAnAssetWithAKnownMaintainerCompanyIsRoutedToItAtOnce() throws Exception {
        // GIVEN a maintainer company with cora, named by elm-camera's asset
        String root = token(Caller.PLATFORM_ADMIN);
        String company = api.post("/api/v1/tenants/acme/maintainer-companies", root, "{\"name\": \"Elm Cameras\"}", 201)
                .get("id").asText();
        api.put("/api/v1/maintainer-companies/" + company + "/staff/" + Caller.CONTRACTOR.username, root, "{}", 200);
        api.put("/api/v1/devices/elm-camera/maintenance/asset", token(Caller.PROPERTY_ADMIN),
                "{\"mode\": \"calendar\", \"maintainerCompanyId\": \"" + company + "\", \"maintainerCompanyName\": "
                        + "\"Elm Cameras\"}", 200);

        // WHEN the camera's storage fails
        world.publishEvent("elm-camera", "{\"kind\": \"storage_fault\", \"priority\": 2, \"channel\": 1}");
        JsonNode order = await().atMost(Duration.ofSeconds(60))
                .until(() -> find("elm-court", "elm-camera", "camera_storage_fault"), Optional::isPresent).orElseThrow();

        // THEN its order is assigned to the company from the start, and the company's contractor sees it
        assertThat(order.get("status").asText()).isEqualTo("assigned");
        assertThat(order.get("companyId").asText()).isEqualTo(company);
        assertThat(order.get("assignee").isNull()).isTrue();
        assertThat(order.get("assignedAt").isNull()).isFalse();
        api.get("/api/v1/work-orders/" + order.get("id").asLong(), token(Caller.CONTRACTOR), 200);

        // AND a fault of a device without a known maintainer stays open for the dispatcher
        JsonNode unrouted = faultOrder("elm-court", "elm-lift", "13");
        assertThat(unrouted.get("status").asText()).isEqualTo("open");
        assertThat(unrouted.get("companyId").isNull()).isTrue();
    }

    @Test
    void aFaultThatClearsIsRecordedOnItsOrderWhichStaysOpenForItsInspection() throws Exception {
        // GIVEN a door fault on oak-yard's lift and its order
        JsonNode order = faultOrder("oak-yard", "oak-lift", "06");
        long id = order.get("id").asLong();
        assertThat(order.get("faultClearedAt").isNull()).isTrue();

        // WHEN the lift reports normal again
        world.publishEvent("oak-lift", "{\"kind\": \"back_to_normal\"}");

        // THEN the order shows when the fault cleared, with a note in its history, and is still open
        String root = token(Caller.PLATFORM_ADMIN);
        JsonNode cleared = await().atMost(Duration.ofSeconds(60)).until(
                () -> api.get("/api/v1/work-orders/" + id, root, 200), o -> !o.get("faultClearedAt").isNull());
        assertThat(cleared.get("status").asText()).isEqualTo("open");
        JsonNode note = cleared.get("notes").get(cleared.get("notes").size() - 1);
        assertThat(note.get("by").asText()).isEqualTo("device");
        assertThat(note.get("text").asText()).startsWith("fault cleared at ").contains("stays open for an inspection");
        assertThat(note.get("at").asText()).isEqualTo(cleared.get("faultClearedAt").asText());
        JsonNode alert = api.get("/api/v1/alerts/" + order.get("alertId").asLong(), root, 200);
        assertThat(alert.get("status").asText()).isEqualTo("resolved");
        assertThat(alert.get("workOrderId").asLong()).isEqualTo(id);
    }

    private static String settings(String community) {
        return "/api/v1/communities/" + community + "/maintenance/settings";
    }

    /** Publishes an elevator fault of the code and awaits its order. */
    private static JsonNode faultOrder(String community, String deviceId, String code) throws Exception {
        world.publishEvent(deviceId, "{\"kind\": \"fault\", \"code\": \"" + code + "\"}");
        return await().atMost(Duration.ofSeconds(60))
                .until(() -> find(community, deviceId, "elevator_fault." + code), Optional::isPresent).orElseThrow();
    }

    private static Optional<JsonNode> find(String community, String deviceId, String type) throws Exception {
        String path = "/api/v1/communities/" + community + "/work-orders?deviceId=" + deviceId;
        for (JsonNode item : api.get(path, token(Caller.PLATFORM_ADMIN), 200).get("items")) {
            if (item.get("title").asText().contains(type)) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }

    private static long daysToDue(JsonNode order) {
        LocalDate opened = LocalDate.ofInstant(Instant.parse(order.get("openedAt").asText()), SHANGHAI);
        return java.time.temporal.ChronoUnit.DAYS.between(opened, LocalDate.parse(order.get("dueOn").asText()));
    }

    private static java.util.List<String> steps(JsonNode order) {
        return running.sqlRows("SELECT payload->>'step' FROM notifications WHERE topic = 'maintenance.work_overdue'"
                + " AND (payload->>'id')::bigint = " + order.get("id").asLong() + " ORDER BY id");
    }

    private static String token(Caller caller) {
        return world.token(caller);
    }
}
