package org.anju.system.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.gateway.Device5;
import org.anju.platform.Json;
import org.anju.platform.testing.ApiCalls;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.RunningPlatform;

/**
 * Disabling a device from the console, in a real headless Chromium against the real platform
 * ({@code dashboards/e2e/device-switch.mjs}): the property administrator's button on the device
 * page (a dropped request shown as an error, then the confirmation that says what happens, the
 * focus following his switch), the "disabled" marker on the page and in the list, an operator's
 * list in another browser, filtered on "offline", updated live without a reload; meanwhile the API
 * reads the device disabled and a real MQTT CONNECT of it is refused; enabled again, it connects
 * with the same secret; a switch made through the API while the administrator's question is open
 * closes it without moving his focus; the API's 403 shown once the administrator lost the
 * community with his page open. An operator and a technician, whom the route refuses, get no
 * switch.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DeviceSwitchBrowserIT {

    private static final String DEVICE = "gate-cam";
    private static final String SECRET = "gate-cam-secret";

    @Test
    void aPropertyAdminTakesADeviceOutOfServiceFromTheConsoleAndPutsItBack() throws Exception {
        Path repo = BrowserScripts.repositoryRoot();
        BrowserScripts.requireBrowser(repo);
        // a refused or accepted CONNECT is remembered for the cache's time: 1 s here, 60 s by default
        try (RunningPlatform running = RunningPlatform.start(Map.of("ANJU_SECURITY_DEVICE_AUTH_CACHE_TTL", "1s"))) {
            running.fixtures().device(DEVICE, "camera", SECRET).device("lobby-cam", "camera", SECRET)
                    .propertyUser("paul", "paul-password-1", "property_admin")
                    .propertyUser("olga", "olga-password-1", "operator")
                    .propertyUser("tess", "tess-password-1", "technician").platformAdmin("root", "root-password-1");
            ApiCalls api = new ApiCalls(running);
            String olga = running.login("olga", "olga-password-1");
            Path users = BrowserScripts.jsonFile("anju-users", Map.of("property_admin", List.of("paul", "paul-password-1"),
                    "operator", List.of("olga", "olga-password-1"), "technician", List.of("tess", "tess-password-1")));
            Path ids = BrowserScripts.jsonFile("anju-ids", Map.of("device", DEVICE));

            JsonNode r = BrowserScripts.run(repo.resolve("dashboards/e2e/device-switch.mjs"), List.of("--url",
                    running.baseUrl() + "/", "--users", users.toString(), "--ids", ids.toString(), "--out",
                    repo.resolve("system-tests/target/screens").toString(), "--timeout-ms", "240000"),
                    need -> switch (need.get("need").asText()) {
                        case "check" -> Json.MAPPER.writeValueAsString(check(running, api, olga));
                        // another console switches the device while paul's page asks him
                        case "disable", "enable" -> api.put("/api/v1/provisioning/devices/" + DEVICE + "/enabled",
                                running.login("root", "root-password-1"),
                                "{\"enabled\": " + need.get("need").asText().equals("enable") + "}", 200).toString();
                        // rights taken away while the administrator's page is open: the API refuses him
                        case "revoke" -> api.patch("/api/v1/users/paul", running.login("root", "root-password-1"),
                                "{\"communityIds\": []}", 200).toString();
                        default -> throw new IllegalArgumentException("unknown need " + need);
                    });

            assertThat(r.get("ok").asBoolean()).as("browser run: %s", r).isTrue();
            // the dropped request: shown in words (zh-CN by default), the device left as it was
            assertThat(r.at("/admin/networkError/status").asText()).isEqualTo("0");
            assertThat(r.at("/admin/networkError/text").asText()).isEqualTo("无法连接服务器。");
            assertThat(r.at("/admin/statusAfterFailure").asText()).isEqualTo(r.at("/admin/statusBefore").asText())
                    .isNotEqualTo("disabled");
            // the confirmation says what follows
            assertThat(r.at("/admin/warning").asText()).contains("一分钟", "数据", "原有凭证");
            assertThat(r.at("/admin/errorCleared").asBoolean()).isTrue();
            // the focus follows paul's own switch: to the confirmation, then to the button it brings;
            // the status line is announced
            assertThat(r.at("/admin/focusOnAsk").asText()).isEqualTo("confirm-take-out");
            assertThat(r.at("/admin/focusAfterSwitch").asText()).isEqualTo("put-back");
            assertThat(r.at("/admin/focusAfterPutBack").asText()).isEqualTo("take-out");
            assertThat(r.at("/admin/statusLive").asText()).isEqualTo("polite");
            // the marker on the page and in both lists, the other browser's without a reload
            assertThat(r.at("/admin/pageMarker").asText()).isEqualTo("已停用");
            assertThat(r.at("/admin/listEnabled").asText()).isEqualTo("false");
            assertThat(r.at("/admin/listMarker").asText()).isEqualTo("已停用");
            assertThat(r.at("/watcher/enabledBefore").asText()).isEqualTo("true");
            // the operator's list filtered on "offline" (neither camera ever connected) before the
            // switch: the switched camera leaves it live, the other stays
            assertThat(BrowserScripts.texts(r.at("/watcher/offlineBefore"))).containsExactlyInAnyOrder(DEVICE, "lobby-cam");
            assertThat(BrowserScripts.texts(r.at("/watcher/offlineAfter"))).containsExactly("lobby-cam");
            assertThat(r.at("/watcher/marker").asText()).isEqualTo("已停用");
            assertThat(r.at("/watcher/rowClass").asText()).contains("is-disabled");
            assertThat(BrowserScripts.texts(r.at("/watcher/filtered"))).containsExactly(DEVICE);
            // the platform: disabled and refused at CONNECT, then enabled and let in with the same secret
            assertThat(r.at("/checks/disabled/enabled").asBoolean()).isFalse();
            assertThat(r.at("/checks/disabled/connect").asText()).isEqualTo("refused");
            assertThat(r.at("/checks/enabled/enabled").asBoolean()).isTrue();
            assertThat(r.at("/checks/enabled/connect").asText()).isEqualTo("accepted");
            assertThat(r.at("/admin/statusPutBack").asText()).isNotEqualTo("disabled");
            assertThat(r.at("/watcher/enabledAfter").asText()).isEqualTo("true");
            assertThat(running.sqlRows("SELECT actor || ' ' || (detail ->> 'enabled') FROM audit_log"
                    + " WHERE action = 'device.enabled' AND target = 'device:" + DEVICE + "' ORDER BY id"))
                    .containsExactly("paul false", "paul true", "root false", "root true");
            // switched from elsewhere while paul's question was open: the question goes, the focus
            // does not jump to the new button
            assertThat(r.at("/elsewhere/warningAfterDisable").asInt()).isZero();
            assertThat(r.at("/elsewhere/focusAfterDisable").asText()).isNotEqualTo("put-back");
            assertThat(r.at("/elsewhere/asking").asInt()).isZero();
            // the API's refusal once paul lost the community, in words; the device left in service
            assertThat(r.at("/admin/refusal/status").asText()).isEqualTo("403");
            assertThat(r.at("/admin/refusal/text").asText()).isEqualTo("您无权执行此操作。");
            assertThat(r.at("/admin/statusAfterRefusal").asText()).isNotEqualTo("disabled");
            // the roles the route refuses
            assertThat(r.at("/noSwitch/operator").asBoolean()).as("switch offered to an operator").isFalse();
            assertThat(r.at("/noSwitch/technician").asBoolean()).as("switch offered to a technician").isFalse();
            assertThat(r.get("pageErrors")).isEmpty();
            r.get("axe").fields().forEachRemaining(e -> assertThat(e.getValue()).as("axe on %s", e.getKey()).isEmpty());
            r.get("screenshots").forEach(s -> assertThat(Path.of(s.asText())).isNotEmptyFile());
        }
    }

    /**
     * The platform's view of the device: {@code enabled} as the device list answers it, and whether a
     * real MQTT CONNECT with its secret is accepted once that state holds at the gateway.
     */
    private static Map<String, Object> check(RunningPlatform running, ApiCalls api, String token) throws Exception {
        boolean enabled = false;
        for (JsonNode d : api.get("/api/v1/communities/" + Fixtures.COMMUNITY + "/devices", token, 200).get("devices")) {
            if (d.get("id").asText().equals(DEVICE)) {
                enabled = d.get("enabled").asBoolean();
            }
        }
        boolean wanted = enabled;
        boolean[] accepted = new boolean[1];
        try {
            // the gateway may answer from its authentication cache (1 s) until it asks the registry again
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                    .until(() -> (accepted[0] = connects(running)) == wanted);
        } catch (ConditionTimeoutException stillAsBefore) {
            // reported as it is: the assertions on the report name the difference
        }
        return Map.of("enabled", enabled, "connect", accepted[0] ? "accepted" : "refused");
    }

    private static boolean connects(RunningPlatform running) throws MqttException {
        Device5 device;
        try {
            device = Device5.connect(running.mqttUri(), DEVICE, DEVICE + "@" + Fixtures.TENANT, SECRET);
        } catch (MqttException refused) {
            return false;
        }
        device.close();
        return true;
    }
}
