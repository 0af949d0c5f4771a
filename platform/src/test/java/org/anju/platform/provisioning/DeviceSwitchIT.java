package org.anju.platform.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.gateway.Device5;
import org.anju.platform.Json;
import org.anju.platform.testing.ApiCalls;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.RunningPlatform;

/**
 * {@code PUT /api/v1/provisioning/devices/{id}/enabled}: a property administrator takes a lost
 * device out of service through the API, the gateway disconnects it and refuses it, the change is
 * in the audit log, and enabling it lets it in again with the same secret; every console watching
 * the community's live stream is told at once. Who else may, and bad bodies.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DeviceSwitchIT {

    private static final String SECRET = "switch-device-secret";
    private static final String PATH = "/api/v1/provisioning/devices/%s/enabled";
    private static RunningPlatform running;
    private static ApiCalls api;

    @BeforeAll
    static void start() throws Exception {
        running = RunningPlatform.start(Map.of("ANJU_MQTT_REVALIDATE_INTERVAL", "1s",
                "ANJU_SECURITY_DEVICE_AUTH_CACHE_TTL", "1s"));
        running.fixtures()
                .device("cam-lost", "camera", SECRET)
                .device("cam-kept", "camera", SECRET)
                .device("swapped-cam", "camera", SECRET)
                .propertyUser("pia", "pia-password-1", "property_admin")
                .propertyUser("olga", "olga-password-1", "operator")
                .otherTenantAdmin("zed", "zed-password-12")
                .platformAdmin("root", "root-password-1")
                .otherCommunityDevice("oak-cam", "camera")
                .device("panel-1", "fire_panel", SECRET)
                .device("det-lost", "smoke_detector", SECRET)
                .device("det-swapped", "smoke_detector", SECRET)
                .user("fred", "Fire brigade", "fred-password-1", null, Set.of("fire_brigade"), Set.of());
        running.fixtures().registrar().via("det-lost", "panel-1");
        api = new ApiCalls(running);
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void aDisabledDeviceIsDisconnectedRefusedAuditedAndLetInAgainWhenEnabled() throws Exception {
        Device5 device = connect("cam-lost");
        String pia = running.login("pia", "pia-password-1");

        JsonNode disabled = api.put(PATH.formatted("cam-lost"), pia, "{\"enabled\": false}", 200);

        assertThat(disabled.get("enabled").asBoolean()).isFalse();
        assertThat(disabled.get("changed").asBoolean()).isTrue();
        assertThat(disabled.get("communityId").asText()).isEqualTo(Fixtures.COMMUNITY);
        assertThat(device.awaitDisconnectReason()).as("not authorized").isEqualTo(0x87);
        device.close();
        assertThatThrownBy(() -> connect("cam-lost")).isInstanceOf(MqttException.class);
        assertThat(connect("cam-kept")).as("another device of the community is not touched").satisfies(Device5::close);
        assertThat(api.put(PATH.formatted("cam-lost"), pia, "{\"enabled\": false}", 200).get("changed").asBoolean())
                .as("disabling it again changes nothing").isFalse();
        JsonNode listed = api.get("/api/v1/communities/" + Fixtures.COMMUNITY + "/devices?limit=100", pia, 200);
        assertThat(listed.get("devices")).filteredOn(d -> d.get("id").asText().startsWith("cam-"))
                .extracting(d -> d.get("id").asText() + " " + d.get("enabled").asBoolean())
                .containsExactlyInAnyOrder("cam-kept true", "cam-lost false");
        assertThat(running.sqlRows("SELECT actor || ' ' || target || ' ' || (detail ->> 'enabled') || ' '"
                + " || (detail ->> 'changed') FROM audit_log WHERE action = 'device.enabled'"
                + " AND target = 'device:cam-lost' ORDER BY id"))
                .containsExactly("pia device:cam-lost false true", "pia device:cam-lost false false");

        api.put(PATH.formatted("cam-lost"), pia, "{\"enabled\": true}", 200);

        Device5 back = connect("cam-lost");
        assertThat(back.publishAndAwaitReason("telemetry", "{\"status\": \"OK\"}")).as("stored again").isZero();
        back.close();
    }

    @Test
    void aConnectedGatewayStopsPublishingForADeviceDisabledMeanwhile() throws Exception {
        Device5 panel = connect("panel-1");
        String telemetry = "{\"battery\": 87}";
        assertThat(panel.publishAndAwaitReason("telemetry//det-lost", telemetry)).as("acts for its detector").isZero();
        String pia = running.login("pia", "pia-password-1");

        api.put(PATH.formatted("det-lost"), pia, "{\"enabled\": false}", 200);

        // the gateway's answer for the detector is asked again each revalidation interval (1 s here)
        await().atMost(20, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200))
                .until(() -> panel.publishAndAwaitReason("telemetry//det-lost", telemetry) == 0x87);
        assertThat(panel.publishAndAwaitReason("telemetry", "{\"fireAlarm\": false, \"fault\": false, "
                + "\"mainPowerFault\": false, \"backupPowerFault\": false, \"linkToCenterFailed\": false, "
                + "\"monitoringLineFault\": false}")).as("its own data still goes")
                .isZero();
        panel.close();
    }

    @Test
    void everyConsoleWatchingTheCommunityIsToldOfTheSwitch() throws Exception {
        String pia = running.login("pia", "pia-password-1");
        String olga = running.login("olga", "olga-password-1");
        String fred = running.login("fred", "fred-password-1");
        List<String> operator = new CopyOnWriteArrayList<>();
        List<String> admin = new CopyOnWriteArrayList<>();
        List<String> fire = new CopyOnWriteArrayList<>();
        try (Stream<String> operatorStream = api.deviceStream(Fixtures.COMMUNITY, olga, operator);
                Stream<String> adminStream = api.deviceStream(Fixtures.COMMUNITY, pia, admin);
                Stream<String> fireStream = api.deviceStream(Fixtures.COMMUNITY, fred, fire)) {

            api.put(PATH.formatted("swapped-cam"), pia, "{\"enabled\": false}", 200);
            // a fire facility switched after the camera: the fire brigade's stream, which passes on
            // fire facilities only, gets it after it had the camera's push to pass or drop
            api.put(PATH.formatted("det-swapped"), pia, "{\"enabled\": false}", 200);

            // the operator sees every device type
            await().atMost(Duration.ofSeconds(20)).until(() -> pushed(operator, "swapped-cam", false)
                    && pushed(operator, "det-swapped", false) && pushed(admin, "swapped-cam", false)
                    && pushed(fire, "det-swapped", false));

            api.put(PATH.formatted("swapped-cam"), pia, "{\"enabled\": true}", 200);
            api.put(PATH.formatted("det-swapped"), pia, "{\"enabled\": true}", 200);

            await().atMost(Duration.ofSeconds(20)).until(() -> pushed(operator, "swapped-cam", true)
                    && pushed(admin, "swapped-cam", true) && pushed(fire, "det-swapped", true));
            assertThat(fire).as("the fire brigade is not shown the camera").noneMatch(l -> l.contains("swapped-cam"));
        }
    }

    @Test
    void onlyPlatformAdminsAndThePropertyAdminsOfTheCommunityMaySwitchADevice() throws Exception {
        String olga = running.login("olga", "olga-password-1");
        String zed = running.login("zed", "zed-password-12");
        String pia = running.login("pia", "pia-password-1");
        String root = running.login("root", "root-password-1");

        api.put(PATH.formatted("cam-kept"), olga, "{\"enabled\": false}", 403);
        api.put(PATH.formatted("cam-kept"), zed, "{\"enabled\": false}", 403);
        api.put(PATH.formatted("oak-cam"), pia, "{\"enabled\": false}", 403);
        assertThat(ApiCalls.message(api.put(PATH.formatted("no-such-device"), pia, "{\"enabled\": false}", 403)))
                .as("whether it exists is not told").doesNotContain("no device");
        api.put(PATH.formatted("no-such-device"), root, "{\"enabled\": false}", 404);
        assertThat(running.sqlRows("SELECT id FROM devices WHERE NOT enabled AND id IN ('cam-kept', 'oak-cam')"))
                .isEmpty();
        assertThat(api.put(PATH.formatted("oak-cam"), root, "{\"enabled\": true}", 200).get("changed").asBoolean())
                .isFalse();
    }

    @Test
    void aBodyThatIsNotOneBooleanIsRefusedNamingTheField() throws Exception {
        String pia = running.login("pia", "pia-password-1");
        for (String body : Set.of("{}", "{\"enabled\": \"no\"}", "{\"enabled\": 0}", "{\"enabled\": true, \"why\": 1}",
                "[true]", "not json")) {
            assertThat(ApiCalls.message(api.put(PATH.formatted("cam-kept"), pia, body, 400))).as(body)
                    .containsAnyOf("'enabled'", "unknown field 'why'", "JSON");
        }
        assertThat(running.sqlRows("SELECT enabled::text FROM devices WHERE id = 'cam-kept'")).containsExactly("true");
    }

    /** Whether the stream pushed the device with this {@code enabled}. */
    private static boolean pushed(List<String> lines, String deviceId, boolean enabled) throws Exception {
        for (String line : lines) {
            if (line.startsWith("data: ") && line.contains("\"" + deviceId + "\"")
                    && Json.MAPPER.readTree(line.substring(6)).get("enabled").asBoolean() == enabled) {
                return true;
            }
        }
        return false;
    }

    private static Device5 connect(String id) throws MqttException {
        return Device5.connect(running.mqttUri(), id, id + "@" + Fixtures.TENANT, SECRET);
    }
}
