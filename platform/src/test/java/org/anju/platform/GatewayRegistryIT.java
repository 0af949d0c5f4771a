package org.anju.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.gateway.Device5;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.RunningPlatform;

/**
 * The gateway against the platform's own registry and API: via relations and tenant limits from
 * the database, disabling a connected device, connection events stored, and commands sent through
 * {@code POST /api/v1/devices/{id}/commands}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GatewayRegistryIT {

    private static final String SECRET = "registry-secret";
    private static RunningPlatform running;

    @BeforeAll
    static void start() throws Exception {
        running = RunningPlatform.start(Map.of("ANJU_MQTT_REVALIDATE_INTERVAL", "1s"));
        running.fixtures()
                .device("uitd-1", "fire_panel", SECRET)
                .device("det-21", "smoke_detector", SECRET)
                .device("det-22", "smoke_detector", SECRET)
                .device("locker-1", "parcel_locker", SECRET)
                .propertyUser("olga", "olga-password", "operator");
        running.fixtures().registrar().via("det-21", "uitd-1");
        running.fixtures().user("fireman", "Fire", "fire-password", null,
                java.util.Set.of("fire_brigade"), java.util.Set.of());
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void viaRelationFromTheRegistryDecidesWhatAGatewayMayPublish() throws Exception {
        Device5 uitd = connect(running, "uitd-1");
        try {
            assertThat(uitd.publishAndAwaitReason("event//det-21", "{\"kind\": \"alarm\"}")).isZero();
            assertThat(uitd.publishAndAwaitReason("event//det-22", "{\"kind\": \"alarm\"}")).isEqualTo(0x87);
        } finally {
            uitd.close();
        }
        assertThat(count("SELECT count(*) FROM device_events WHERE device_id = 'det-21' AND kind = 'alarm'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM device_events WHERE device_id = 'det-22' AND kind = 'alarm'")).isZero();
    }

    @Test
    void databasePathRefusesPayloadsItCannotDecode() throws Exception {
        Device5 locker = connect(running, "locker-1");
        try {
            // a type other than JSON passes through the Kafka path only: here it is refused as its format
            assertThat(locker.publishAndAwaitReason("telemetry/?content-type=text%2Fplain", "door open")).isEqualTo(0x99);
            assertThat(locker.publishAndAwaitReason("telemetry/?content-type=application%2Fjson",
                    "{\"compartments\": [{\"id\": \"A01\", \"size\": \"S\", \"state\": \"empty\"}]}")).isZero();
        } finally {
            locker.close();
        }
    }

    @Test
    void connectionEventsAreStored() throws Exception {
        connect(running, "det-22").close();

        org.awaitility.Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() ->
                count("SELECT count(*) FROM device_events WHERE device_id = 'det-22' AND kind IN ('connected', 'disconnected')") == 2);
    }

    @Test
    void tenantLimitsComeFromTheRegistry() throws Exception {
        // tenant limits are cached for security.deviceAuthCacheTtl: a platform of its own sees the setting at once
        try (RunningPlatform other = RunningPlatform.start(Map.of())) {
            other.fixtures().device("det-31", "smoke_detector", SECRET);
            try (Connection c = other.platform().database().dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("UPDATE tenants SET mqtt_max_payload_bytes = 100 WHERE id = 'acme'");
            }
            Device5 device = connect(other, "det-31");
            device.publish("telemetry", "{\"pad\": \"" + "x".repeat(200) + "\"}", 1);
            assertThat(device.awaitDisconnectReason()).isEqualTo(0x95);
            device.close();
        }
    }

    @Test
    void disablingAConnectedDeviceDisconnectsIt() throws Exception {
        running.fixtures().device("det-40", "smoke_detector", SECRET);
        Device5 device = connect(running, "det-40");

        running.fixtures().registrar().deviceEnabled("det-40", false);

        assertThat(device.awaitDisconnectReason()).isEqualTo(0x87);
        device.close();
    }

    @Test
    void commandsThroughTheApi() throws Exception {
        Device5 locker = connect(running, "locker-1");
        locker.subscribe("command///req/#", 1);
        String operator = running.login("olga", "olga-password");
        String fireman = running.login("fireman", "fire-password");

        CompletableFuture<HttpResponse<String>> call = running.http().sendAsync(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(running.baseUrl() + "/api/v1/devices/locker-1/commands"))
                        .header("Authorization", "Bearer " + operator).header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "{\"name\": \"open-compartment\", \"payload\": {\"compartment\": 12}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        Device5.Received request = locker.nextMessage();
        assertThat(request.topic()).startsWith("command///req/").endsWith("/open-compartment");
        assertThat(request.payload()).isEqualTo("{\"compartment\":12}");
        locker.publish("command///res/" + request.topic().split("/")[4] + "/200", "{\"opened\": 12}", 1)
                .waitForCompletion(30_000);
        HttpResponse<String> answered = call.get(20, TimeUnit.SECONDS);
        locker.close();

        assertThat(answered.statusCode()).isEqualTo(200);
        JsonNode body = RunningPlatform.json(answered);
        assertThat(body.get("status").asInt()).isEqualTo(200);
        assertThat(body.get("payload").get("opened").asInt()).isEqualTo(12);
        assertThat(post("/api/v1/devices/det-22/commands", "{\"name\": \"silence\"}", operator).statusCode())
                .as("not connected").isEqualTo(503);
        assertThat(post("/api/v1/devices/locker-1/commands", "{\"name\": \"open\"}", fireman).statusCode())
                .as("the fire brigade does not command devices").isEqualTo(403);
        assertThat(post("/api/v1/devices/locker-1/commands", "{\"payload\": 1}", operator).statusCode()).isEqualTo(400);
        assertThat(post("/api/v1/devices/nope/commands", "{\"name\": \"open\"}", operator).statusCode())
                .as("an operator cannot learn which devices exist elsewhere").isEqualTo(403);
    }

    private static HttpResponse<String> post(String path, String body, String token) throws Exception {
        return running.http().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(running.baseUrl() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long count(String sql) throws Exception {
        try (Connection c = running.platform().database().dataSource().getConnection(); Statement s = c.createStatement();
                var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Device5 connect(RunningPlatform platform, String id) throws MqttException {
        return Device5.connect(platform.mqttUri(), id, id + "@" + Fixtures.TENANT, SECRET);
    }
}
