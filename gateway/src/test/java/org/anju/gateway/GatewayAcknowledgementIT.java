package org.anju.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;

import org.eclipse.paho.mqttv5.client.IMqttToken;
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

    private GatewayHarness harness;

    @BeforeEach
    void start() throws Exception {
        harness = GatewayHarness.standard(new ScriptedDownstream());
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void mqtt5PubackWaitsForDurableStorage() throws Exception {
        try (Device5 device = Device5.connect(harness.uri(), "dev-1", "dev-1@acme", GatewayHarness.PASSWORD)) {
            IMqttToken publish = device.publish("telemetry", "{\"battery\": 90}", 1);
            ScriptedDownstream.Delivery delivery = harness.downstream.next();

            assertThat(delivery.message().deviceId()).isEqualTo("dev-1");
            assertThat(delivery.message().endpoint()).isEqualTo(Endpoint.TELEMETRY);
            assertThat(publish.isComplete()).as("PUBACK before the downstream stored the message").isFalse();

            delivery.stored().complete();
            assertThat(Device5.reasonCode(publish)).isZero();
        }
    }

    @Test
    void pubacksFollowArrivalOrderEvenWhenStorageCompletesOutOfOrder() throws Exception {
        try (Device3 device = Device3.connect(harness.uri(), "dev-2", "dev-2@acme", GatewayHarness.PASSWORD)) {
            int first = device.publish("t", "{\"a\": 1}", 1).getMessageId();
            int second = device.publish("t", "{\"a\": 2}", 1).getMessageId();
            ScriptedDownstream.Delivery d1 = harness.downstream.next();
            ScriptedDownstream.Delivery d2 = harness.downstream.next();

            d2.stored().complete();
            d1.stored().complete();

            assertThat(device.acknowledged.poll(10, TimeUnit.SECONDS)).isEqualTo(first);
            assertThat(device.acknowledged.poll(10, TimeUnit.SECONDS)).isEqualTo(second);
        }
    }

    @Test
    void mqtt5FailureIsReportedWithReasonCode() throws Exception {
        try (Device5 device = Device5.connect(harness.uri(), "dev-3", "dev-3@acme", GatewayHarness.PASSWORD)) {
            IMqttToken malformed = device.publish("t", "not json", 1);
            harness.downstream.next().stored().fail(ClientError.badRequest("malformed JSON"));
            IMqttToken dbDown = device.publish("t", "{\"a\": 1}", 1);
            harness.downstream.next().stored().fail(ServerError.unavailable("database down", null));

            assertThat(Device5.reasonCode(malformed)).isEqualTo(0x99);
            assertThat(Device5.reasonCode(dbDown)).isEqualTo(0x80);
            assertThat(Device5.reasonString(malformed)).as("the device's mistake, told exactly").isEqualTo("malformed JSON");
            assertThat(Device5.reasonString(dbDown)).as("ours: no internals").isEqualTo("not stored, try again later");
        }
    }

    @Test
    void mqtt5WrongPasswordIsRefused() {
        assertThatThrownBy(() -> Device5.connect(harness.uri(), "intruder", "dev-1@acme", "wrong"))
                .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(0x86));
    }

    @Test
    void mqtt311FailureClosesTheConnectionWithoutPuback() throws Exception {
        try (Device3 device = Device3.connect(harness.uri(), "dev-4", "dev-4@acme", GatewayHarness.PASSWORD)) {
            device.publish("telemetry", "{\"a\": 1}", 1);
            harness.downstream.next().stored().fail(ServerError.unavailable("database down", null));

            assertThat(device.awaitLost()).isNotNull();
            assertThat(device.acknowledged).isEmpty();
        }
    }

    @Test
    void mqtt311WrongPasswordOrMalformedUserNameIsRefused() {
        assertThatThrownBy(() -> Device3.connect(harness.uri(), "legacy", "dev-1@acme", "wrong"))
                .isInstanceOfSatisfying(org.eclipse.paho.client.mqttv3.MqttException.class,
                        e -> assertThat(e.getReasonCode()).isEqualTo(4));
        assertThatThrownBy(() -> Device3.connect(harness.uri(), "legacy", "no-tenant", GatewayHarness.PASSWORD))
                .isInstanceOfSatisfying(org.eclipse.paho.client.mqttv3.MqttException.class,
                        e -> assertThat(e.getReasonCode()).isEqualTo(4));
    }

    @Test
    void downstreamThatNeverAnswersTimesOut() throws Exception {
        harness.close();
        harness = new GatewayHarness(GatewayOptions.defaults(0).withTimeouts(java.time.Duration.ofMillis(300),
                GatewayOptions.DEFAULT_REVALIDATE_INTERVAL), GatewayHarness.devices(new TestRegistry()),
                new ScriptedDownstream());
        try (Device5 device = Device5.connect(harness.uri(), "dev-5", "dev-5@acme", GatewayHarness.PASSWORD)) {
            IMqttToken publish = device.publish("t", "{\"a\": 1}", 1);
            harness.downstream.next(); // held, never completed

            assertThat(Device5.reasonCode(publish)).isEqualTo(0x80);
        }
    }
}
