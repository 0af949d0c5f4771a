package org.anju.system.dashboard;

import static org.anju.platform.testing.CatalogueExamples.example;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.gateway.Device5;
import org.anju.platform.Json;
import org.anju.platform.testing.ApiCalls;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.RunningPlatform;

/**
 * Every app in a real headless Chromium against the real platform ({@code dashboards/e2e/screens.mjs}):
 * sign-in per role and what each must not see, the language switch, axe-core on each main screen,
 * a fire alarm published by a detector over MQTT (Paho) on the board and the console without
 * reload with the siren started, the operator's verification walk with exactly the moves the API
 * allows, the board catching up after a dropped connection, logout, session expiry and the 429
 * message. The script asks for each alarm on stdout; this test publishes it and answers on stdin.
 * Screenshots of every main screen land in {@code system-tests/target/screens/}.
 */
@Timeout(value = 900, unit = TimeUnit.SECONDS)
class ScreensBrowserIT {

    private static final String SECRET = "det-secret";

    @Test
    void everyScreenWorksForItsRolesInABrowser() throws Exception {
        Path repo = BrowserScripts.repositoryRoot();
        BrowserScripts.requireBrowser(repo);

        try (RunningPlatform running = RunningPlatform.start(Map.of())) {
            running.fixtures()
                    .device("det-1", "smoke_detector", SECRET).device("det-2", "smoke_detector", SECRET)
                    .device("det-3", "smoke_detector", SECRET).device("lift-1", "elevator", "lift-secret")
                    .propertyUser("olga", "olga-password", "operator")
                    .propertyUser("paul", "paul-password", "property_admin")
                    .propertyUser("tess", "tess-password", "technician")
                    .propertyUser("rita", "rita-password", "resident")
                    .propertyUser("lock", "lock-password", "operator")
                    .user("fred", "Fire brigade", "fred-password", null, Set.of("fire_brigade"), Set.of());
            ApiCalls api = new ApiCalls(running);
            String olga = running.login("olga", "olga-password");
            Path users = Files.createTempFile("anju-users", ".json");
            Files.writeString(users, Json.MAPPER.writeValueAsString(Map.of(
                    "operator", List.of("olga", "olga-password"), "property_admin", List.of("paul", "paul-password"),
                    "technician", List.of("tess", "tess-password"), "resident", List.of("rita", "rita-password"),
                    "fire_brigade", List.of("fred", "fred-password"), "throttled", List.of("lock", "lock-password"))));
            Path out = repo.resolve("system-tests/target/screens");

            JsonNode r = BrowserScripts.run(repo.resolve("dashboards/e2e/screens.mjs"), List.of("--url", running.baseUrl() + "/",
                    "--users", users.toString(), "--out", out.toString(), "--timeout-ms", "780000"), need -> {
                        alarm(running, api, olga, need.get("device").asText());
                        return "done";
                    });

            assertThat(r.get("ok").asBoolean()).as("browser run: %s", r).isTrue();
            // Roles: the menu of each, and what each must not open.
            assertThat(texts(r.at("/roles/operator/nav"))).contains("overview", "devices", "alerts", "fire", "rescues")
                    .doesNotContain("users", "webhooks", "audit");
            assertThat(r.at("/roles/operator/usersNotFound").asBoolean()).isTrue();
            assertThat(texts(r.at("/roles/technician/nav"))).contains("devices", "alerts").doesNotContain("users", "webhooks");
            assertThat(texts(r.at("/roles/property_admin/nav"))).contains("users", "webhooks", "audit", "storage");
            assertThat(r.at("/roles/property_admin/usersNotFound").asBoolean()).isFalse();
            assertThat(r.at("/roles/fire_brigade/landedOn").asText()).isEqualTo("board/");
            assertThat(r.at("/roles/fire_brigade/otherAppRefused").asBoolean()).isTrue();
            assertThat(r.at("/roles/resident/landedOn").asText()).isEqualTo("resident/");
            assertThat(r.at("/roles/resident/otherAppRefused").asBoolean()).isTrue();
            // Language: every label of the page changes, and the choice survives a reload.
            assertThat(r.at("/language/enLeftovers")).as("Chinese text left in English").isEmpty();
            assertThat(r.at("/language/enNavMatches").asBoolean()).isTrue();
            assertThat(r.at("/language/zhNavMatches").asBoolean()).isTrue();
            assertThat(r.at("/language/remembered").asText()).isEqualTo("en");
            // Accessibility: no serious or critical axe violation on any main screen.
            assertThat(r.get("axe").size()).isGreaterThanOrEqualTo(14);
            r.get("axe").fields().forEachRemaining(e -> assertThat(e.getValue()).as("axe on %s", e.getKey()).isEmpty());
            // The alarm: on the board and the console without reload, with the siren.
            assertThat(r.at("/alarm/boardReloaded").asBoolean()).isFalse();
            assertThat(r.at("/alarm/consoleReloaded").asBoolean()).isFalse();
            assertThat(r.at("/sound/started").asInt()).isPositive();
            assertThat(r.at("/sound/state").asText()).isEqualTo("running");
            // The walk offers exactly the API's moves at each state.
            assertThat(walk(r.get("walk"))).containsExactly(
                    "received:acknowledged", "acknowledged:verifying,false_alarm,test", "verifying:confirmed_fire,false_alarm,test",
                    "false_alarm:closed", "closed:");
            assertThat(r.get("causeMessage").asText()).isEqualTo("请选择原因");
            JsonNode closed = api.get("/api/v1/fire-cases/" + r.at("/alarm/caseId").asText(), olga, 200);
            assertThat(closed.get("state").asText()).isEqualTo("closed");
            assertThat(closed.get("falseAlarmCause").asText()).isEqualTo("cooking_fumes");
            // The board got both alarms it missed through the feed's replay, not only the list.
            assertThat(r.at("/resume/after/received").asInt() - r.at("/resume/before/received").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(r.at("/resume/boardReloaded").asBoolean()).isFalse();
            assertThat(r.get("muted").asBoolean()).isTrue();
            assertThat(r.get("logoutNotice").asText()).isEqualTo("您已退出登录。");
            assertThat(r.get("expiredNotice").asText()).isEqualTo("会话已过期，请重新登录。");
            assertThat(r.at("/throttled/retryAfter").asInt()).isPositive();
            assertThat(r.at("/throttled/text").asText()).isEqualTo("尝试次数过多，请 " + r.at("/throttled/header").asText() + " 秒后再试。");
            assertThat(r.get("screenshots").size()).isGreaterThanOrEqualTo(16);
            r.get("screenshots").forEach(s -> assertThat(Path.of(s.asText())).isNotEmptyFile());
        }
    }

    /** Publishes a detector's alarm with a real MQTT client and waits until the platform opened its case. */
    private static void alarm(RunningPlatform running, ApiCalls api, String token, String deviceId) throws Exception {
        Device5 device = Device5.connect(running.mqttUri(), deviceId + "-e2e", deviceId + "@" + Fixtures.TENANT, SECRET);
        try {
            assertThat(device.publishAndAwaitReason("event", example("smoke_detector", "event-alarm"))).isZero();
        } finally {
            device.close();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (JsonNode c : api.get("/api/v1/fire-cases?state=received", token, 200).get("items")) {
                if (c.get("deviceId").asText().equals(deviceId)) {
                    return true;
                }
            }
            return false;
        });
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> walk(JsonNode steps) {
        List<String> out = new ArrayList<>();
        steps.forEach(s -> out.add(s.get("state").asText() + ":" + String.join(",", texts(s.get("offered")))));
        return out;
    }
}
