package org.anju.platform.alerts.fire;

import static org.anju.platform.testing.CatalogueExamples.example;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
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
import org.anju.platform.testing.ApiCalls;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.RunningPlatform;

/**
 * The fire workflow over real MQTT and HTTP: a detector's alarm published with the Paho client
 * opens a case; every transition, the forbidden ones with their messages, forwarding to 119,
 * closing, and false alarms counted per facility and day.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class FireWorkflowApiIT {

    private static final String SECRET = "det-secret";
    private static RunningPlatform running;
    private static ApiCalls api;

    @BeforeAll
    static void start() throws Exception {
        running = RunningPlatform.start(Map.of());
        running.fixtures().device("det-1", "smoke_detector", SECRET).device("det-2", "smoke_detector", SECRET)
                .propertyUser("otto", "otto-password", "operator").propertyUser("rita", "rita-password", "resident");
        running.fixtures().user("fireman", "Fire brigade", "fire-password", null, Set.of("fire_brigade"),
                Set.of());
        api = new ApiCalls(running);
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void aConfirmedFireIsForwardedAt119AndClosesItsAlert() throws Exception {
        String otto = running.login("otto", "otto-password");
        long caseId = alarm("det-1", otto, 1);
        String path = "/api/v1/fire-cases/" + caseId + "/transitions";

        assertThat(texts(api.get("/api/v1/fire-cases/" + caseId, otto, 200).get("allowedNext"))).containsExactly("acknowledged");
        assertThat(ApiCalls.message(api.post(path, otto, "{\"to\": \"closed\"}", 409)))
                .isEqualTo("fire case " + caseId + " is received: it can be closed only after a verdict"
                        + " (confirmed_fire, false_alarm or test)");
        assertThat(ApiCalls.message(api.post(path, otto, "{\"to\": \"verifying\"}", 409)))
                .isEqualTo("fire case " + caseId + " is received: it cannot move to verifying; allowed next: acknowledged");
        assertThat(ApiCalls.message(api.post(path, otto, "{\"to\": \"burning\"}", 400))).startsWith("field 'to' must be one of");
        assertThat(ApiCalls.message(api.post(path, otto, "{\"to\": ", 400))).isEqualTo("body must be a JSON object");

        JsonNode acknowledged = api.post(path, otto, "{\"to\": \"acknowledged\", \"note\": \"on it\"}", 200);
        assertThat(acknowledged.get("state").asText()).isEqualTo("acknowledged");
        assertThat(texts(acknowledged.get("allowedNext"))).containsExactly("verifying", "false_alarm", "test");
        long alertId = acknowledged.get("alertId").asLong();
        assertThat(api.get("/api/v1/alerts/" + alertId, otto, 200).get("status").asText()).isEqualTo("acknowledged");
        assertThat(ApiCalls.message(api.post("/api/v1/alerts/" + alertId + "/resolve", otto, "{}", 409)))
                .contains("follows the fire workflow");

        assertThat(ApiCalls.message(api.post(path, otto, "{\"to\": \"false_alarm\"}", 400)))
                .startsWith("field 'cause' is required for a false alarm, one of cooking_fumes");
        assertThat(ApiCalls.message(api.post(path, otto, "{\"to\": \"verifying\", \"cause\": \"dust\"}", 400)))
                .isEqualTo("field 'cause' applies only to false_alarm");
        api.post(path, otto, "{\"to\": \"verifying\", \"note\": \"camera shows smoke\"}", 200);
        assertThat(ApiCalls.message(api.post(path, otto, "{\"to\": \"forwarded_119\"}", 409)))
                .contains("forwarded_119 is set by the platform");

        JsonNode confirmed = api.post(path, otto, "{\"to\": \"confirmed_fire\"}", 200);
        assertThat(confirmed.get("state").asText()).as("forwarded at once").isEqualTo("forwarded_119");
        assertThat(texts(confirmed.get("allowedNext"))).containsExactly("closed");
        assertThat(confirmed.get("forwardedAt").isNull()).isFalse();
        assertThat(running.sqlRows("SELECT topic, fire FROM notifications WHERE topic LIKE 'fire.%' ORDER BY id"))
                .containsSubsequence("fire.received t", "fire.acknowledged t", "fire.verifying t", "fire.confirmed_fire t",
                        "fire.forwarded_119 t");

        JsonNode closed = api.post(path, otto, "{\"to\": \"closed\", \"note\": \"fire out, 119 on site\"}", 200);
        assertThat(closed.get("state").asText()).isEqualTo("closed");
        assertThat(texts(closed.get("allowedNext"))).isEmpty();
        assertThat(closed.get("verdict").asText()).isEqualTo("confirmed_fire");
        List<String> trail = new ArrayList<>();
        closed.get("transitions").forEach(t -> trail.add(t.get("from").asText() + ">" + t.get("to").asText() + " by "
                + t.get("actor").asText()));
        assertThat(trail).containsExactly("null>received by system", "received>acknowledged by otto",
                "acknowledged>verifying by otto", "verifying>confirmed_fire by otto", "confirmed_fire>forwarded_119 by system",
                "forwarded_119>closed by otto");
        JsonNode alert = api.get("/api/v1/alerts/" + alertId, otto, 200);
        assertThat(alert.get("status").asText() + " " + alert.get("resolution").asText()).isEqualTo("resolved workflow");
        assertThat(ApiCalls.message(api.post(path, otto, "{\"to\": \"closed\"}", 409))).endsWith("allowed next: nothing: it is closed");
    }

    @Test
    void falseAlarmsNeedACauseAndMoreThanFiveADayFlagTheFacility() throws Exception {
        String fireman = running.login("fireman", "fire-password");
        for (int i = 1; i <= 6; i++) {
            long caseId = alarm("det-2", fireman, i);
            String path = "/api/v1/fire-cases/" + caseId + "/transitions";
            api.post(path, fireman, "{\"to\": \"acknowledged\"}", 200);
            assertThat(ApiCalls.message(api.post(path, fireman, "{\"to\": \"false_alarm\", \"cause\": \"other\"}", 400)))
                    .isEqualTo("field 'note' is required when the cause is other: say what it was");
            JsonNode judged = api.post(path, fireman, "{\"to\": \"false_alarm\", \"cause\": \"cooking_fumes\"}", 200);
            assertThat(judged.get("falseAlarmCause").asText()).isEqualTo("cooking_fumes");
            api.post(path, fireman, "{\"to\": \"closed\"}", 200);
        }
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        JsonNode counts = api.get("/api/v1/fire-false-alarms?day=" + today, fireman, 200);
        assertThat(counts).hasSize(1);
        assertThat(counts.get(0).get("deviceId").asText()).isEqualTo("det-2");
        assertThat(counts.get(0).get("falseAlarms").asInt()).isEqualTo(6);
        assertThat(counts.get(0).get("flagged").asBoolean()).isTrue();
        assertThat(ApiCalls.message(api.get("/api/v1/fire-false-alarms?day=yesterday", fireman, 400)))
                .isEqualTo("parameter 'day' must be a date such as 2026-11-29");
    }

    @Test
    void residentsSeeNoFireCases() throws Exception {
        String rita = running.login("rita", "rita-password");
        assertThat(ApiCalls.message(api.get("/api/v1/fire-cases", rita, 403))).isEqualTo("rita may not see alerts");
    }

    /** Publishes a detector alarm over MQTT and returns the id of the {@code n}-th fire case of that device. */
    private static long alarm(String deviceId, String token, int n) throws Exception {
        Device5 device = Device5.connect(running.mqttUri(), deviceId + "-" + n, deviceId + "@" + Fixtures.TENANT, SECRET);
        try {
            assertThat(device.publishAndAwaitReason("event", example("smoke_detector", "event-alarm"))).isZero();
        } finally {
            device.close();
        }
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode page = api.get("/api/v1/fire-cases?state=received", token, 200);
            for (JsonNode c : page.get("items")) {
                if (c.get("deviceId").asText().equals(deviceId)) {
                    found[0] = c;
                    return true;
                }
            }
            return false;
        });
        assertThat(found[0].get("address").asText()).isEqualTo("Elm Court, 1 Elm Road, Building 1, floor 3, Corridor");
        return found[0].get("id").asLong();
    }

    /** The text values of a JSON array, in order. */
    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
