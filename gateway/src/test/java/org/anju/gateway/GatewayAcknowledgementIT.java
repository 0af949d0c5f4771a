package org.anju.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.error.ClientError;
import org.anju.error.ServerError;
import org.anju.protocol.Endpoint;

/**
 * The acknowledgement contract, seen from real Paho clients: a QoS 1 PUBACK only after the
 * downstream stored the message; a failure is never acknowledged as success.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GatewayAcknowledgementIT {

    private static final String TENANT = "acme";
    private static final String PASSWORD = "s3cret-password";

    private Vertx vertx;
    private ScriptedDownstream downstream;
    private MqttGateway gateway;
    private int port;

    @BeforeEach
    void startGateway() throws Exception {
        vertx = Vertx.vertx();
        downstream = new ScriptedDownstream();
        DeviceAuthenticator authenticator = (tenant, authId, password) ->
                TENANT.equals(tenant) && PASSWORD.equals(password)
                        ? Future.succeededFuture(new DeviceIdentity(tenant, authId, authId))
                        : Future.failedFuture(ClientError.unauthorized("bad credentials"));
        gateway = MqttGateway.create(vertx, GatewayOptions.defaults(0), authenticator, downstream,
                new SimpleMeterRegistry());
        port = gateway.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopGateway() throws Exception {
        gateway.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void mqtt5PubackWaitsForDurableStorage() throws Exception {
        MqttAsyncClient client = connect5("sensor-1");

        IMqttToken publish = client.publish("telemetry", "{\"battery\": 90}".getBytes(UTF_8), 1, false);
        ScriptedDownstream.Delivery delivery = downstream.next();

        assertThat(delivery.message().deviceId()).isEqualTo("sensor-1");
        assertThat(delivery.message().endpoint()).isEqualTo(Endpoint.TELEMETRY);
        assertThat(publish.isComplete()).as("PUBACK before the downstream stored the message").isFalse();

        delivery.stored().complete();
        publish.waitForCompletion(10_000);
        assertThat(publish.getReasonCodes()).containsExactly(0);
        client.disconnect().waitForCompletion();
        client.close();
    }

    @Test
    void mqtt5FailureIsReportedWithReasonCode() throws Exception {
        MqttAsyncClient client = connect5("sensor-2");

        IMqttToken malformed = client.publish("t", "not json".getBytes(UTF_8), 1, false);
        downstream.next().stored().fail(ClientError.badRequest("malformed JSON"));
        IMqttToken dbDown = client.publish("t", "{\"a\": 1}".getBytes(UTF_8), 1, false);
        downstream.next().stored().fail(ServerError.unavailable("database down", null));

        assertThat(awaitReasonCode(malformed)).isEqualTo(0x99);
        assertThat(awaitReasonCode(dbDown)).isEqualTo(0x80);
        client.disconnect().waitForCompletion();
        client.close();
    }

    @Test
    void mqtt5PublishingAsAnotherDeviceIsNotAuthorized() throws Exception {
        MqttAsyncClient client = connect5("sensor-3");

        IMqttToken token = client.publish("telemetry/acme/someone-else", "{\"a\": 1}".getBytes(UTF_8), 1, false);

        assertThat(awaitReasonCode(token)).isEqualTo(0x87);
        client.disconnect().waitForCompletion();
        client.close();
    }

    @Test
    void mqtt5WrongPasswordIsRefused() throws Exception {
        MqttAsyncClient client = new MqttAsyncClient("tcp://127.0.0.1:" + port, "intruder", null);
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName("sensor-1@" + TENANT);
        options.setPassword("wrong".getBytes(UTF_8));

        assertThatThrownBy(() -> client.connect(options).waitForCompletion(10_000))
                .isInstanceOfSatisfying(MqttException.class,
                        e -> assertThat(e.getReasonCode()).isEqualTo(0x86));
        client.close();
    }

    @Test
    void mqtt311FailureClosesTheConnectionWithoutPuback() throws Exception {
        var client = new org.eclipse.paho.client.mqttv3.MqttAsyncClient("tcp://127.0.0.1:" + port, "legacy-1",
                new MemoryPersistence());
        CompletableFuture<Throwable> lost = new CompletableFuture<>();
        CompletableFuture<Integer> acked = new CompletableFuture<>();
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                lost.complete(cause);
            }

            @Override
            public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) {
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                acked.complete(token.getMessageId());
            }
        });
        client.connect(v3Options("legacy-1")).waitForCompletion(10_000);

        client.publish("telemetry", "{\"a\": 1}".getBytes(UTF_8), 1, false);
        downstream.next().stored().fail(ServerError.unavailable("database down", null));

        assertThat(lost.get(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(acked).isNotDone();
        client.close();
    }

    @Test
    void mqtt311WrongPasswordIsRefused() throws Exception {
        var client = new org.eclipse.paho.client.mqttv3.MqttClient("tcp://127.0.0.1:" + port, "legacy-2",
                new MemoryPersistence());
        MqttConnectOptions options = v3Options("legacy-2");
        options.setPassword("wrong".toCharArray());

        assertThatThrownBy(() -> client.connect(options))
                .isInstanceOfSatisfying(org.eclipse.paho.client.mqttv3.MqttException.class,
                        e -> assertThat(e.getReasonCode()).isEqualTo(4));
        client.close(true);
    }

    private MqttAsyncClient connect5(String deviceId) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient("tcp://127.0.0.1:" + port, deviceId, null);
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(deviceId + "@" + TENANT);
        options.setPassword(PASSWORD.getBytes(UTF_8));
        client.connect(options).waitForCompletion(10_000);
        return client;
    }

    private static MqttConnectOptions v3Options(String deviceId) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setUserName(deviceId + "@" + TENANT);
        options.setPassword(PASSWORD.toCharArray());
        options.setAutomaticReconnect(false);
        return options;
    }

    /** Returns the PUBACK reason code; Paho reports a failure code as an exception. */
    private static int awaitReasonCode(IMqttToken token) {
        try {
            token.waitForCompletion(10_000);
            return token.getReasonCodes()[0];
        } catch (MqttException e) {
            return e.getReasonCode();
        }
    }
}
