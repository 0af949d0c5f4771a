package org.anju.platform.api;

import static org.anju.platform.testing.CatalogueExamples.example;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.gateway.Device5;
import org.anju.platform.registry.Provisioning;
import org.anju.platform.testing.ApiCalls;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.RunningPlatform;

/**
 * The alert API over real MQTT and HTTP: who sees which alerts (fire brigade: fire data of every
 * community and nothing else; operators: their communities; residents: nothing), paging, the
 * lifecycle actions with their refusals, incidents and elevator rescues.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class AlertApiIT {

    private static final String SECRET = "device-secret";
    private static RunningPlatform running;
    private static ApiCalls api;
    private static long elmFire;
    private static long elmCharger;
    private static long oakFire;
    private static long oakCharger;

    @BeforeAll
    static void start() throws Exception {
        running = RunningPlatform.start(Map.of());
        api = new ApiCalls(running);
        Fixtures fixtures = running.fixtures().device("det-1", "smoke_detector", SECRET).device("evc-1", "ev_charger", SECRET)
                .device("lift-1", "elevator", SECRET)
                .propertyUser("otto", "otto-password", "operator").propertyUser("rita", "rita-password", "resident")
                .propertyUser("pia", "pia-password", "property_admin");
        fixtures.platformAdmin("root", "root-password");
        Provisioning p = fixtures.provisioning();
        fixtures.user("fireman", "Fire brigade", "fire-password", null, Set.of("fire_brigade"), Set.of());
        fixtures.otherCommunityDevice("det-o", "smoke_detector").otherCommunityDevice("evc-o", "ev_charger");
        p.deviceCredential(Fixtures.TENANT, "det-o", "det-o", SECRET);
        p.deviceCredential(Fixtures.TENANT, "evc-o", "evc-o", SECRET);

        publish("det-1", example("smoke_detector", "event-alarm"));
        publish("evc-1", example("ev_charger", "event-status_notification"));
        publish("det-o", example("smoke_detector", "event-alarm"));
        publish("evc-o", example("ev_charger", "event-status_notification"));
        String root = running.login("root", "root-password");
        // the chargers also go offline when their test connection closes (device_offline): wait for the four signals
        await().atMost(Duration.ofSeconds(30)).until(() -> signalAlert("det-1", root) != null
                && signalAlert("evc-1", root) != null && signalAlert("det-o", root) != null
                && signalAlert("evc-o", root) != null);
        elmFire = alertOf("det-1", root);
        elmCharger = alertOf("evc-1", root);
        oakFire = alertOf("det-o", root);
        oakCharger = alertOf("evc-o", root);
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void theFireBrigadeSeesFireAlertsOfEveryCommunityAndNoChargerFault() throws Exception {
        String fireman = running.login("fireman", "fire-password");

        assertThat(ids(api.get("/api/v1/alerts", fireman, 200))).containsExactlyInAnyOrder(elmFire, oakFire);
        assertThat(api.get("/api/v1/alerts/" + oakFire, fireman, 200).get("address").asText()).startsWith("Oak Yard");
        assertThat(ApiCalls.message(api.get("/api/v1/alerts/" + elmCharger, fireman, 403)))
                .isEqualTo("fireman may not see alert " + elmCharger);
        assertThat(ids(api.get("/api/v1/alerts?fire=false", fireman, 200))).isEmpty();
        assertThat(ApiCalls.message(api.post("/api/v1/alerts/" + oakCharger + "/acknowledge", fireman, "{}", 403)))
                .isEqualTo("fireman may not see alert " + oakCharger);
        assertThat(api.get("/api/v1/fire-cases", fireman, 200).get("items")).hasSize(2);
        assertThat(ApiCalls.message(api.get("/api/v1/rescues", fireman, 403))).isEqualTo("fireman may not see elevator rescues");
    }

    @Test
    void anOperatorSeesOnlyTheirCommunityAndResidentsNothing() throws Exception {
        String otto = running.login("otto", "otto-password");

        assertThat(ids(api.get("/api/v1/alerts", otto, 200))).contains(elmFire, elmCharger).doesNotContain(oakFire, oakCharger);
        assertThat(ApiCalls.message(api.get("/api/v1/alerts/" + oakFire, otto, 403))).isEqualTo("otto may not see alert " + oakFire);
        assertThat(ApiCalls.message(api.get("/api/v1/alerts/999999", otto, 403))).as("missing looks like hidden")
                .isEqualTo("otto may not see alert 999999");
        assertThat(ApiCalls.message(api.get("/api/v1/alerts?community=oak-yard", otto, 403)))
                .isEqualTo("otto may not see community 'oak-yard'");
        assertThat(api.get("/api/v1/fire-cases", otto, 200).get("items")).hasSize(1);

        String rita = running.login("rita", "rita-password");
        assertThat(ApiCalls.message(api.get("/api/v1/alerts", rita, 403))).isEqualTo("rita may not see alerts");
        assertThat(ApiCalls.message(api.get("/api/v1/incidents", rita, 403))).isEqualTo("rita may not see alerts");
        assertThat(ApiCalls.message(api.get("/api/v1/rescues", rita, 403))).isEqualTo("rita may not see alerts");
        assertThat(running.get("/api/v1/alerts", null).statusCode()).isEqualTo(401);
    }

    @Test
    void pagesAndFilters() throws Exception {
        String root = running.login("root", "root-password");
        List<Long> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get("/api/v1/alerts?limit=1" + (cursor == null ? "" : "&cursor=" + cursor), root, 200);
            seen.addAll(ids(page));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        assertThat(seen).hasSize(seen.stream().distinct().toList().size()).contains(elmFire, elmCharger, oakFire, oakCharger);
        assertThat(seen).isSortedAccordingTo((a, b) -> Long.compare(b, a));

        assertThat(ids(api.get("/api/v1/alerts?type=charger_fault&community=oak-yard", root, 200))).containsExactly(oakCharger);
        assertThat(ids(api.get("/api/v1/alerts?severity=critical&status=open,acknowledged", root, 200)))
                .contains(elmFire, oakFire).doesNotContain(elmCharger, oakCharger);
        assertThat(ApiCalls.message(api.get("/api/v1/alerts?cursor=nonsense", root, 400)))
                .isEqualTo("parameter 'cursor' is not a cursor returned by this list");
        assertThat(ApiCalls.message(api.get("/api/v1/alerts?status=closed", root, 400)))
                .isEqualTo("parameter 'status' must be open, acknowledged or resolved (comma-separated), got 'closed'");
        assertThat(ApiCalls.message(api.get("/api/v1/alerts?limit=0", root, 400)))
                .isEqualTo("parameter 'limit' must be a whole number from 1 to 500");
        assertThat(ApiCalls.message(api.get("/api/v1/alerts/abc", root, 400)))
                .isEqualTo("path parameter 'alertId' must be a record id (a whole number)");
        assertThat(ApiCalls.message(api.get("/api/v1/alerts/999999", root, 404))).isEqualTo("no alert 999999");
    }

    @Test
    void acknowledgeThenResolveAndTheirRefusals() throws Exception {
        String otto = running.login("otto", "otto-password");
        String path = "/api/v1/alerts/" + elmCharger;

        JsonNode acknowledged = api.post(path + "/acknowledge", otto, "{\"note\": \"technician called\"}", 200);
        assertThat(acknowledged.get("status").asText()).isEqualTo("acknowledged");
        assertThat(acknowledged.get("acknowledgedBy").asText()).isEqualTo("otto");
        assertThat(ApiCalls.message(api.post(path + "/acknowledge", otto, "{}", 409)))
                .isEqualTo("alert " + elmCharger + " is acknowledged: it cannot be acknowledged");
        assertThat(ApiCalls.message(api.post(path + "/resolve", otto, "{\"note\": 5}", 400))).isEqualTo("field 'note' must be text");
        JsonNode resolved = api.post(path + "/resolve", otto, "{\"note\": \"RCD replaced\"}", 200);
        assertThat(resolved.get("status").asText() + " " + resolved.get("resolution").asText()).isEqualTo("resolved manual");
        assertThat(ApiCalls.message(api.post(path + "/resolve", otto, "{}", 409)))
                .isEqualTo("alert " + elmCharger + " is resolved: it cannot be resolved");
        assertThat(ApiCalls.message(api.post("/api/v1/alerts/" + elmFire + "/acknowledge", otto, "{}", 409)))
                .contains("is a fire alarm: it follows the fire workflow");
        assertThat(running.sqlRows("SELECT topic FROM notifications WHERE payload ->> 'id' = '" + elmCharger + "'"
                + " AND topic LIKE 'alert.%' ORDER BY id")).containsExactly("alert.opened", "alert.acknowledged", "alert.resolved");
    }

    @Test
    void anEntrapmentOpensARescueWhoseStepsGoInOrder() throws Exception {
        publish("lift-1", example("elevator", "event-entrapment"));
        String otto = running.login("otto", "otto-password");
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/rescues", otto, 200).get("items").size() == 1);
        JsonNode rescue = api.get("/api/v1/rescues", otto, 200).get("items").get(0);
        String steps = "/api/v1/rescues/" + rescue.get("id").asLong() + "/steps";
        assertThat(rescue.get("state").asText()).isEqualTo("open");

        assertThat(ApiCalls.message(api.post(steps, otto, "{\"step\": \"arrived\"}", 409)))
                .isEqualTo("rescue " + rescue.get("id").asLong() + " is open: it cannot be arrived; next: dispatched");
        assertThat(ApiCalls.message(api.post(steps, otto, "{\"step\": \"flown\"}", 400)))
                .isEqualTo("field 'step' must be one of dispatched, arrived, released");
        api.post(steps, otto, "{\"step\": \"dispatched\", \"note\": \"team 3\"}", 200);
        api.post(steps, otto, "{\"step\": \"arrived\"}", 200);
        JsonNode released = api.post(steps, otto, "{\"step\": \"released\"}", 200);
        assertThat(released.get("state").asText()).isEqualTo("released");
        assertThat(released.get("slaBreached").asBoolean()).isFalse();
        assertThat(released.get("releasedBy").asText()).isEqualTo("otto");
        assertThat(running.sqlRows("SELECT topic FROM notifications WHERE topic LIKE 'rescue.%' ORDER BY id"))
                .containsExactly("rescue.opened", "rescue.dispatched", "rescue.arrived", "rescue.released");
    }

    @Test
    void aCommunitysPropertyAdministratorSetsItsThresholds() throws Exception {
        String pia = running.login("pia", "pia-password");
        String otto = running.login("otto", "otto-password");
        String path = "/api/v1/communities/" + Fixtures.COMMUNITY + "/alert-settings";

        JsonNode defaults = api.get(path, otto, 200);
        assertThat(defaults.get("own").size()).isZero();
        assertThat(defaults.get("effective").get("rescueSlaUrbanSeconds").asInt()).isEqualTo(1800);
        assertThat(ApiCalls.message(api.put(path, otto, "{\"stormThreshold\": 3}", 403)))
                .isEqualTo("otto may not change the alert settings of community 'elm-court'");
        assertThat(ApiCalls.message(api.put("/api/v1/communities/oak-yard/alert-settings", pia, "{\"urban\": false}", 403)))
                .isEqualTo("pia may not change the alert settings of community 'oak-yard'");
        assertThat(ApiCalls.message(api.put(path, pia, "{\"stormThreshold\": 1}", 400)))
                .isEqualTo("field 'stormThreshold' must be a whole number from 2 to 100000, or null");
        assertThat(ApiCalls.message(api.put(path, pia, "{\"stormThresold\": 3}", 400))).startsWith("unknown field 'stormThresold'");
        assertThat(ApiCalls.message(api.put(path, pia, "{\"urban\": \"no\"}", 400)))
                .isEqualTo("field 'urban' must be true, false or null");

        JsonNode changed = api.put(path, pia, "{\"urban\": false, \"entrapmentAfterSeconds\": 45, \"lowBatteryPercent\": 20.5}", 200);
        assertThat(changed.get("own").toString()).isEqualTo("{\"urban\":false,\"entrapmentAfterSeconds\":45,\"lowBatteryPercent\":20.5}");
        assertThat(changed.get("effective").get("entrapmentAfterSeconds").asInt()).isEqualTo(45);
        JsonNode reset = api.put(path, pia, "{\"urban\": null, \"entrapmentAfterSeconds\": null, \"lowBatteryPercent\": null}", 200);
        assertThat(reset.get("own").size()).isZero();
        assertThat(reset.get("effective").get("urban").asBoolean()).isTrue();
    }

    private static void publish(String deviceId, String json) throws Exception {
        Device5 device = Device5.connect(running.mqttUri(), deviceId, deviceId + "@" + Fixtures.TENANT, SECRET);
        try {
            assertThat(device.publishAndAwaitReason("event", json)).isZero();
        } finally {
            device.close();
        }
    }

    private static long alertOf(String deviceId, String token) throws Exception {
        return signalAlert(deviceId, token).get("id").asLong();
    }

    /** Returns the device's alert from what it published (not the one of its going offline), or null. */
    private static JsonNode signalAlert(String deviceId, String token) throws Exception {
        for (JsonNode alert : api.get("/api/v1/alerts?deviceId=" + deviceId, token, 200).get("items")) {
            if (!"device_offline".equals(alert.get("type").asText())) {
                return alert;
            }
        }
        return null;
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("items").forEach(a -> ids.add(a.get("id").asLong()));
        return ids;
    }
}
