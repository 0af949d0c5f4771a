package org.anju.system.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.gateway.Device5;
import org.anju.platform.Json;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.RunningPlatform;

/**
 * The resident portal's "My parcels" in a real headless Chromium against the real platform
 * ({@code dashboards/e2e/parcels.mjs}): the resident registers her number on a phone; a parcel
 * locker publishes a deposit for it with a real MQTT client (Paho), and she sees the pickup code
 * and the free-storage countdown; another resident sees nothing; after the locker's pickup event
 * the parcel reads picked up, without a code; a staff user is turned away; axe-core on each
 * screen; screenshots in {@code system-tests/target/screens/}.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class ParcelsBrowserIT {

    private static final String SECRET = "locker-secret";
    private static final String CODE = "83920571";

    @Test
    void theResidentSeesHerPickupCodeUntilPickupAndNobodyElseDoes() throws Exception {
        Path repo = BrowserScripts.repositoryRoot();
        BrowserScripts.requireBrowser(repo);
        try (RunningPlatform running = RunningPlatform.start(Map.of())) {
            running.fixtures().device("locker-1", "parcel_locker", SECRET)
                    .propertyUser("olga", "olga-password", "operator")
                    .propertyUser("rita", "rita-password", "resident").propertyUser("otis", "otis-password", "resident")
                    .twoHouseholds("rita", "otis");
            Path users = Files.createTempFile("anju-users", ".json");
            Files.writeString(users, Json.MAPPER.writeValueAsString(Map.of("resident", List.of("rita", "rita-password"),
                    "other_resident", List.of("otis", "otis-password"), "operator", List.of("olga", "olga-password"))));
            Instant deposited = Instant.now().truncatedTo(ChronoUnit.SECONDS);

            JsonNode r = BrowserScripts.run(repo.resolve("dashboards/e2e/parcels.mjs"), List.of("--url", running.baseUrl() + "/",
                    "--users", users.toString(), "--out", repo.resolve("system-tests/target/screens").toString(),
                    "--timeout-ms", "480000"), need -> {
                        String event = switch (need.get("need").asText()) {
                            case "deposit" -> """
                                    {"kind": "deposit", "ts": "%s", "compartment": "A07", "pickupCode": "%s",
                                     "courier": "顺丰 SF", "recipientPhone": "13800138000"}""".formatted(deposited, CODE);
                            case "pickup" -> """
                                    {"kind": "pickup", "compartment": "A07", "pickupCode": "%s"}""".formatted(CODE);
                            default -> throw new IllegalArgumentException("unknown need " + need);
                        };
                        publish(running, event);
                        running.platform().parcels().runOnce();
                        return "done";
                    });

            assertThat(r.get("ok").asBoolean()).as("browser run: %s", r).isTrue();
            JsonNode p = r.get("parcels");
            assertThat(p.get("phoneError").asText()).contains("mainland mobile number");
            assertThat(p.get("phoneLast4").asText()).contains("8000");
            assertThat(p.at("/waiting/count").asInt()).isEqualTo(1);
            assertThat(p.at("/waiting/code").asText()).isEqualTo(CODE);
            assertThat(p.at("/waiting/state").asText()).isEqualTo("waiting");
            assertThat(p.at("/waiting/text").asText()).contains("A07", "顺丰 SF", "Corridor");
            // deposited just now: about 24 hours of free storage left
            assertThat(p.at("/waiting/freeLeft").asText()).containsAnyOf("23 小时", "24 小时");
            assertThat(p.get("scrollsSideways").asBoolean()).as("the phone page scrolls sideways").isFalse();
            assertThat(p.get("otherParcels").asInt()).isZero();
            assertThat(p.get("otherCodes").asInt()).isZero();
            assertThat(p.at("/pickedUp/badge").asText()).isEqualTo("已取件");
            assertThat(p.at("/pickedUp/codes").asInt()).isZero();
            assertThat(p.get("staffRefused").asText()).isNotBlank();
            assertThat(p.get("staffCodes").asInt()).isZero();
            assertThat(r.get("axe").size()).isEqualTo(3);
            r.get("axe").fields().forEachRemaining(e -> assertThat(e.getValue()).as("axe on %s", e.getKey()).isEmpty());
            r.get("screenshots").forEach(s -> assertThat(Path.of(s.asText())).isNotEmptyFile());
        }
    }

    private static void publish(RunningPlatform running, String json) throws Exception {
        Device5 device = Device5.connect(running.mqttUri(), "locker-1", "locker-1@" + Fixtures.TENANT, SECRET);
        try {
            assertThat(device.publishAndAwaitReason("event", json)).isZero();
        } finally {
            device.close();
        }
    }
}
