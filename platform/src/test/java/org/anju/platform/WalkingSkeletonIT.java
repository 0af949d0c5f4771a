package org.anju.platform;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.RunningPlatform;

/**
 * The walking skeleton end to end: a real Paho client, the real gateway, the real database and the
 * REST/SSE API, all in one platform process.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WalkingSkeletonIT {

    private static final String SECRET = "detector-secret-1";
    private static RunningPlatform running;

    @BeforeAll
    static void start() throws Exception {
        running = RunningPlatform.start(Map.of());
        running.fixtures()
                .device("det-1", "smoke_detector", SECRET)
                .device("det-2", "smoke_detector", SECRET)
                .device("det-3", "smoke_detector", SECRET)
                .propertyUser("alice", "alice-password", "property_admin")
                .propertyUser("otto", "otto-password", "operator")
                // only this test's wrong password: a user name's failed log-in slows down its next one
                .propertyUser("wendy", "wendy-password", "operator")
                .platformAdmin("root", "root-password");
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void pubackArrivesOnlyAfterTheRowIsCommitted() throws Exception {
        CompletableFuture<Long> rowsAtPuback = new CompletableFuture<>();
        MqttAsyncClient device = client("det-1", new MqttCallbackAdapter() {
            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // counted inside the callback, at the moment the PUBACK arrives: blocking here is the point
                rowsAtPuback.complete(countRows("SELECT count(*) FROM telemetry WHERE device_id = 'det-1' AND metric = 'battery'"));
            }
        });
        device.connect(options("det-1", SECRET)).waitForCompletion(30_000);

        device.publish("telemetry", "{\"battery\": 88.5, \"smoke\": 0.02}".getBytes(UTF_8), 1, false);

        assertThat(rowsAtPuback.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        disconnect(device);

        String token = running.login("alice", "alice-password");
        JsonNode devices = RunningPlatform.json(running.get("/api/v1/communities/" + Fixtures.COMMUNITY + "/devices", token))
                .get("devices");
        JsonNode det1 = find(devices, "det-1");
        assertThat(det1.get("latest").get("battery").asDouble()).isEqualTo(88.5);
        assertThat(det1.get("online").asBoolean()).isTrue();
        assertThat(det1.get("lastSeen").asText()).isNotEmpty();
        assertThat(det1.get("type").asText()).isEqualTo("smoke_detector");
    }

    @Test
    void liveStreamDeliversCommittedState() throws Exception {
        String token = running.login("otto", "otto-password");
        HttpRequest request = HttpRequest.newBuilder(URI.create(running.baseUrl() + "/api/v1/communities/"
                + Fixtures.COMMUNITY + "/stream")).header("Authorization", "Bearer " + token).build();
        HttpResponse<Stream<String>> stream = running.http().send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));

        MqttAsyncClient device = client("det-2", new MqttCallbackAdapter());
        device.connect(options("det-2", SECRET)).waitForCompletion(30_000);
        device.publish("t", "{\"battery\": 61}".getBytes(UTF_8), 1, false).waitForCompletion(30_000);
        disconnect(device);

        Iterator<String> lines = stream.body().iterator();
        JsonNode update = null;
        while (update == null && lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("data: ") && line.contains("\"det-2\"")) {
                update = Json.MAPPER.readTree(line.substring(6));
            }
        }
        stream.body().close();
        assertThat(update).isNotNull();
        assertThat(update.get("latest").get("battery").asDouble()).isEqualTo(61.0);
    }

    @Test
    void wrongOrUnknownDeviceCredentialsAreRefusedAtConnect() throws Exception {
        MqttAsyncClient wrongPassword = client("det-1-wrong", new MqttCallbackAdapter());
        MqttAsyncClient unknown = client("nobody", new MqttCallbackAdapter());

        assertThatThrownBy(() -> wrongPassword.connect(options("det-1", "not-the-secret")).waitForCompletion(30_000))
                .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(4));
        assertThatThrownBy(() -> unknown.connect(options("nobody", SECRET)).waitForCompletion(30_000))
                .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(4));
        wrongPassword.close();
        unknown.close();
    }

    @Test
    void malformedJsonIsNotStoredClosesMqtt311AndIsCounted() throws Exception {
        CompletableFuture<Throwable> lost = new CompletableFuture<>();
        MqttAsyncClient device = client("det-3", new MqttCallbackAdapter() {
            @Override
            public void connectionLost(Throwable cause) {
                lost.complete(cause);
            }
        });
        device.connect(options("det-3", SECRET)).waitForCompletion(30_000);

        device.publish("telemetry", "{\"battery\": ".getBytes(UTF_8), 1, false);

        assertThat(lost.get(30, TimeUnit.SECONDS)).isNotNull();
        device.close();
        assertThat(countRows("SELECT count(*) FROM telemetry WHERE device_id = 'det-3'")).isZero();
        String metrics = running.get("/metrics", running.login("root", "root-password")).body();
        assertThat(metrics).containsPattern("anju_gateway_messages_rejected_total\\{reason=\"payload_invalid\",tenant=\"acme\"} [1-9]");
        assertThat(metrics).containsPattern("anju_ingest_messages_invalid_total [1-9]");
    }

    @Test
    void apiRequiresASessionAndAuthorizesByCommunity() throws Exception {
        String community = "/api/v1/communities/" + Fixtures.COMMUNITY + "/devices";
        String other = "/api/v1/communities/" + Fixtures.OTHER_COMMUNITY + "/devices";
        String token = running.login("otto", "otto-password");

        assertThat(running.get(community, null).statusCode()).isEqualTo(401);
        assertThat(running.get(community, "forged.token.value").statusCode()).isEqualTo(401);
        assertThat(running.get(community, token).statusCode()).isEqualTo(200);
        assertThat(running.get(other, token).statusCode()).isEqualTo(403);
        assertThat(running.get("/metrics", token).statusCode()).as("metrics are for administrators").isEqualTo(403);
        JsonNode communities = RunningPlatform.json(running.get("/api/v1/communities", token));
        assertThat(communities).extracting(c -> c.get("id").asText()).containsExactly(Fixtures.COMMUNITY);
    }

    @Test
    void loginRefusesBadCredentialsAndBadBodies() throws Exception {
        HttpResponse<String> wrong = running.post("/api/v1/auth/login", "{\"username\": \"wendy\", \"password\": \"nope\"}");
        HttpResponse<String> unknown = running.post("/api/v1/auth/login", "{\"username\": \"mallory\", \"password\": \"x\"}");
        HttpResponse<String> notJson = running.post("/api/v1/auth/login", "username=alice");
        HttpResponse<String> wrongTypes = running.post("/api/v1/auth/login", "{\"username\": 7, \"password\": []}");

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(RunningPlatform.json(wrong).get("error").get("message").asText()).isEqualTo("wrong user name or password");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo(wrong.body());
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(wrongTypes.statusCode()).isEqualTo(400);
    }

    @Test
    void healthProbesAnswer() throws Exception {
        assertThat(running.get("/health/live", null).statusCode()).isEqualTo(200);
        HttpResponse<String> ready = running.get("/health/ready", null);
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(RunningPlatform.json(ready).get("checks").get("database").asText()).isEqualTo("UP");
    }

    @Test
    void openApiDocumentDescribesEveryRoute() throws Exception {
        HttpResponse<String> served = running.get("/api/openapi.yaml", null);
        assertThat(served.statusCode()).isEqualTo(200);
        JsonNode paths = Json.YAML.readTree(served.body()).get("paths");
        Set<String> documented = new HashSet<>();
        paths.fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> documented.add(method.toUpperCase() + " " + path.getKey())));

        List<String> routes = running.platform().http().apiRoutes();

        assertThat(routes).isNotEmpty();
        assertThat(documented).as("routes missing from /api/openapi.yaml").containsAll(routes);
        assertThat(new HashSet<>(routes)).as("documented paths without a route").containsAll(documented);
    }

    @Test
    void dashboardsAreServedAtTheRoot() throws Exception {
        HttpResponse<String> index = running.get("/", null);

        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("<html").contains("Anju");
        assertThat(index.headers().firstValue("Content-Security-Policy")).isPresent();
    }

    private static JsonNode find(JsonNode devices, String id) {
        for (JsonNode device : devices) {
            if (device.get("id").asText().equals(id)) {
                return device;
            }
        }
        throw new AssertionError("device " + id + " not listed in " + devices);
    }

    private static long countRows(String sql) {
        try (Connection c = running.platform().database().dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MqttAsyncClient client(String clientId, MqttCallback callback) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(running.mqttUri(), clientId, new MemoryPersistence());
        client.setCallback(callback);
        return client;
    }

    private static MqttConnectOptions options(String deviceId, String secret) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setUserName(deviceId + "@" + Fixtures.TENANT);
        options.setPassword(secret.toCharArray());
        options.setAutomaticReconnect(false);
        return options;
    }

    private static void disconnect(MqttAsyncClient client) throws MqttException {
        client.disconnect().waitForCompletion(30_000);
        client.close();
    }

    private static class MqttCallbackAdapter implements MqttCallback {
        @Override
        public void connectionLost(Throwable cause) {
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
        }
    }
}
