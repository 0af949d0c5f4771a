package org.anju.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.vertx.core.json.JsonObject;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.error.ClientError;

/**
 * Hono's {@code on-error} property bag parameter of telemetry and event topics, with real Paho
 * MQTT 3.1.1 and 5 clients (and a raw socket where the order on the wire is the point): {@code ignore} acknowledges, {@code skip-ack} sends no PUBACK,
 * {@code disconnect} closes even after the error topic told the device, and an unknown value is an
 * invalid topic. Hono's table: the unset default is {@code ignore} with an error subscription.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class OnErrorIT {

    @Test
    void ignoreAndSkipAckKeepAnUnsubscribedMqtt3Device() throws Exception {
        ScriptedDownstream downstream = new ScriptedDownstream();
        try (GatewayHarness harness = GatewayHarness.standard(downstream)) {
            Device3 device = harness.closedWithHarness(Device3.connect(harness.uri(), "dev-1", "dev-1@acme",
                    GatewayHarness.PASSWORD));

            // WHEN the downstream refuses a message sent with on-error=ignore: Hono's plain PUBACK, the session stays
            IMqttDeliveryToken ignored = device.publish("telemetry/?on-error=ignore", "{\"battery\": ", 1);
            downstream.next().stored().fail(ClientError.badRequest("payload is not JSON"));
            ignored.waitForCompletion(10_000);

            // WHEN a refused message says skip-ack, then a good one follows
            IMqttDeliveryToken skipped = device.publish("telemetry/zenith/dev-1/?on-error=skip-ack", "{}", 1);
            IMqttDeliveryToken next = device.publish("telemetry", "{\"battery\": 90}", 1);
            downstream.next().stored().complete();
            // THEN the good one is acknowledged (PUBACKs go in order, so the refused one's turn has passed) and
            // the refused one never is
            next.waitForCompletion(10_000);
            assertThat(skipped.isComplete()).isFalse();
            assertThat(device.client.isConnected()).isTrue();

            // WHEN on-error has a value Hono does not define: an invalid topic, which (unsubscribed) ends the session
            device.publish("telemetry/?on-error=drop", "{}", 1);
            assertThat(device.awaitLost()).isNotNull();
        }
    }

    @Test
    void anUnknownValueIsReportedAndTheSubscriptionKeepsTheSession() throws Exception {
        ScriptedDownstream downstream = new ScriptedDownstream();
        try (GatewayHarness harness = GatewayHarness.standard(downstream)) {
            Device3 device = harness.closedWithHarness(Device3.connect(harness.uri(), "dev-2", "dev-2@acme",
                    GatewayHarness.PASSWORD));
            device.subscribe("error///#", 0);

            // WHEN the value is unknown: 400 on the error topic, and the subscription's default (ignore) keeps it
            IMqttDeliveryToken unknown = device.publish("t/?on-error=drop", "{}", 1);
            assertThat(device.nextError("error///t/" + unknown.getMessageId() + "/400").getString("message"))
                    .contains("default, disconnect, ignore, skip-ack");
            unknown.waitForCompletion(10_000);
            assertThat(device.client.isConnected()).isTrue();
        }
    }

    /**
     * A raw MQTT 3.1.1 client here, because the order on the wire is the point: the error report, then
     * the end of the connection. Paho's client may drop a message that arrives just before the connection
     * ends (its callback queue is cleared on shutdown), so it cannot show what the gateway sent.
     */
    @Test
    void disconnectClosesEvenAfterTheErrorTopicToldTheDevice() throws Exception {
        ScriptedDownstream downstream = new ScriptedDownstream();
        try (GatewayHarness harness = GatewayHarness.standard(downstream);
                RawMqttClient device = new RawMqttClient(harness.port)) {
            assertThat(device.connect("dev-2", "dev-2@acme", GatewayHarness.PASSWORD)).isZero();
            assertThat(device.subscribe(1, "error///#", 0)).isZero();

            // WHEN a message with on-error=disconnect is not stored
            device.write(RawMqttClient.publish("event/?on-error=disconnect", 7, "{\"door\": ".getBytes(UTF_8)));
            downstream.next().stored().fail(ClientError.badRequest("payload is not JSON"));

            // THEN the error topic tells it, and then the connection is closed without a PUBACK
            List<RawMqttClient.Packet> packets = new ArrayList<>();
            for (RawMqttClient.Packet packet = device.readPacket(); packet != null; packet = device.readPacket()) {
                packets.add(packet);
            }
            assertThat(packets).as("everything the gateway sent before closing").hasSize(1);
            assertThat(packets.get(0).type()).isEqualTo(0x30);
            assertThat(packets.get(0).topic()).isEqualTo("error///event/7/400");
            assertThat(new JsonObject(packets.get(0).qos0Payload()).getString("message")).contains("not JSON");
        }
    }

    @Test
    void mqtt5IgnoreNeverLooksStoredAndDisconnectGivesTheReason() throws Exception {
        ScriptedDownstream downstream = new ScriptedDownstream();
        try (GatewayHarness harness = GatewayHarness.standard(downstream)) {
            Device5 device = harness.device5("dev-3");
            // WHEN an event at QoS 0 (refused: events need QoS 1) says ignore: no DISCONNECT 0x9B, as by default
            device.publish("event/?on-error=ignore", "{}", 0);
            // WHEN the downstream refuses a QoS 1 message with ignore: the PUBACK carries the failure, never 0x00
            IMqttToken refused = device.publish("telemetry/?on-error=ignore", "{\"battery\": ", 1);
            downstream.next().stored().fail(ClientError.badRequest("payload is not JSON"));
            assertThat(Device5.reasonCode(refused)).isEqualTo(0x99);
            assertThat(device.client.isConnected()).isTrue();

            // WHEN disconnect is asked and the message is refused: DISCONNECT with the refusal's reason code
            device.publish("telemetry/?on-error=disconnect", "{\"battery\": ", 1);
            downstream.next().stored().fail(ClientError.badRequest("payload is not JSON"));
            assertThat(device.awaitDisconnectReason()).isEqualTo(0x99);
        }
    }
}
