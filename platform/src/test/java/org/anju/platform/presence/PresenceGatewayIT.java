package org.anju.platform.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.Awaitility;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.gateway.Device5;
import org.anju.platform.Json;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.RunningPlatform;

/**
 * MQTT connections ending, through the real gateway and the whole platform: a clean DISCONNECT and
 * a lost connection take a camera offline at once (state, event, API, live stream); a takeover
 * reconnect does not; detectors and the devices behind a gateway keep their presence.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PresenceGatewayIT {

    private static final String SECRET = "presence-secret";
    private static final String KEEPALIVE = "{\"status\": \"OK\"}";
    private static final String LOCKER = "{\"compartments\": [{\"id\": \"A01\", \"size\": \"S\", \"state\": \"empty\"}]}";
    private static RunningPlatform running;

    @BeforeAll
    static void start() throws Exception {
        running = RunningPlatform.start(Map.of());
        running.fixtures()
                .device("cam-1", "camera", SECRET)
                .device("cam-2", "camera", SECRET)
                .device("cam-3", "camera", SECRET)
                .device("det-1", "smoke_detector", SECRET)
                .device("locker-ctl", "parcel_locker", SECRET)
                .device("locker-2", "parcel_locker", SECRET)
                .propertyUser("otto", "otto-password", "operator");
        running.fixtures().registrar().via("locker-2", "locker-ctl");
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void cleanDisconnectTakesACameraOfflineAtOnceAndTheLiveStreamShowsIt() throws Exception {
        String token = running.login("otto", "otto-password");
        Device5 camera = connect("cam-1");
        assertThat(camera.publishAndAwaitReason("telemetry", KEEPALIVE)).isZero();
        awaitOnline("cam-1", true);
        HttpResponse<Stream<String>> stream = running.http().send(HttpRequest.newBuilder(URI.create(running.baseUrl()
                + "/api/v1/communities/" + Fixtures.COMMUNITY + "/stream")).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);

        camera.close();

        JsonNode pushed = nextUpdate(stream, "cam-1", false);
        assertThat(pushed.get("presenceReason").asText()).isEqualTo("disconnected");
        assertThat(presenceEvents("cam-1")).containsExactly("online", "offline:disconnected");
        JsonNode listed = device(token, "cam-1");
        assertThat(listed.get("online").asBoolean()).isFalse();
        assertThat(listed.get("presenceReason").asText()).isEqualTo("disconnected");
        assertThat(listed.get("presenceSince").asText()).isEqualTo(pushed.get("presenceSince").asText());

        Device5 again = connect("cam-1");
        awaitOnline("cam-1", true);
        again.close();
        awaitOnline("cam-1", false);
        assertThat(presenceEvents("cam-1")).containsExactly("online", "offline:disconnected",
                "online", "offline:disconnected");
    }

    @Test
    void lostConnectionTakesACameraOfflineToo() throws Exception {
        Device5 camera = connect("cam-2");
        assertThat(camera.publishAndAwaitReason("telemetry", KEEPALIVE)).isZero();

        try {
            camera.client.disconnectForcibly(0, 0, false); // the socket closes without an MQTT DISCONNECT

            awaitOnline("cam-2", false);
            assertThat(presenceEvents("cam-2")).containsExactly("online", "offline:disconnected");
        } finally {
            // only once Paho's own threads are done with the dropped connection
            camera.client.close(true);
        }
    }

    @Test
    void takeoverReconnectDoesNotFlapOffline() throws Exception {
        Device5 first = connect("cam-3");
        assertThat(first.publishAndAwaitReason("telemetry", KEEPALIVE)).isZero();
        Device5 second = connect("cam-3");
        try {
            assertThat(first.awaitDisconnectReason()).as("session taken over").isEqualTo(0x8E);
            Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> count(
                    "SELECT count(*) FROM device_events WHERE device_id = 'cam-3' AND kind = 'taken_over'") == 1);
            assertThat(second.publishAndAwaitReason("telemetry", KEEPALIVE)).isZero();

            assertThat(online("cam-3")).isTrue();
            assertThat(presenceEvents("cam-3")).containsExactly("online");
        } finally {
            first.client.close(true);
            second.close();
        }
    }

    @Test
    void detectorsAndDevicesBehindAGatewayKeepTheirPresence() throws Exception {
        Device5 detector = connect("det-1");
        assertThat(detector.publishAndAwaitReason("event", "{\"kind\": \"heartbeat\", \"battery\": 80}")).isZero();
        Device5 controller = connect("locker-ctl");
        assertThat(controller.publishAndAwaitReason("telemetry//locker-2", LOCKER)).isZero();
        awaitOnline("locker-2", true);

        detector.close();
        controller.close();

        awaitOnline("locker-ctl", false);
        Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> count(
                "SELECT count(*) FROM device_events WHERE device_id = 'det-1' AND kind = 'disconnected'") == 1);
        assertThat(online("det-1")).as("NB-IoT detectors connect only to report").isTrue();
        assertThat(online("locker-2")).as("a device behind a gateway has no connection of its own").isTrue();
    }

    private static Device5 connect(String id) throws MqttException {
        return Device5.connect(running.mqttUri(), id, id + "@" + Fixtures.TENANT, SECRET);
    }

    private static void awaitOnline(String deviceId, boolean online) {
        Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> online(deviceId) == online);
    }

    private static JsonNode nextUpdate(HttpResponse<Stream<String>> stream, String deviceId, boolean online)
            throws Exception {
        Iterator<String> lines = stream.body().iterator();
        try {
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith("data: ") && line.contains("\"" + deviceId + "\"")) {
                    JsonNode update = Json.MAPPER.readTree(line.substring(6));
                    if (update.get("online").asBoolean() == online) {
                        return update;
                    }
                }
            }
            throw new AssertionError("the stream ended without an update of " + deviceId);
        } finally {
            stream.body().close();
        }
    }

    private static JsonNode device(String token, String deviceId) throws Exception {
        HttpResponse<String> response = running.get("/api/v1/communities/" + Fixtures.COMMUNITY + "/devices", token);
        assertThat(response.statusCode()).isEqualTo(200);
        for (JsonNode device : RunningPlatform.json(response).get("devices")) {
            if (device.get("id").asText().equals(deviceId)) {
                return device;
            }
        }
        throw new AssertionError(deviceId + " not listed: " + response.body());
    }

    private static boolean online(String deviceId) throws Exception {
        return count("SELECT count(*) FROM device_state WHERE online AND device_id = '" + deviceId + "'") == 1;
    }

    /** Returns the device's presence events in order: {@code online}, or {@code offline:<reason>}. */
    private static List<String> presenceEvents(String deviceId) throws Exception {
        try (Connection c = running.platform().database().dataSource().getConnection(); PreparedStatement ps =
                c.prepareStatement("SELECT kind || CASE kind WHEN 'offline' THEN ':' || (payload ->> 'reason') ELSE '' END"
                        + " FROM device_events WHERE device_id = ? AND kind IN ('online', 'offline') ORDER BY ts, id")) {
            ps.setString(1, deviceId);
            try (ResultSet rs = ps.executeQuery()) {
                List<String> events = new ArrayList<>();
                while (rs.next()) {
                    events.add(rs.getString(1));
                }
                return events;
            }
        }
    }

    private static long count(String sql) throws Exception {
        try (Connection c = running.platform().database().dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
