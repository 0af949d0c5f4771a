package org.anju.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.error.ClientError;
import org.anju.gateway.kafka.KafkaDownstream;
import org.anju.gateway.kafka.KafkaProducerSettings;

/**
 * Hono's error topic with real Paho MQTT 3.1.1 clients: a device subscribed to {@code error///#}
 * is told why a message was not taken, on
 * {@code error/[tenant]/[device]/{endpoint}/{correlation-id}/{status}} with Hono's JSON payload,
 * gets its PUBACK and keeps its connection; a device without the subscription loses it, as MQTT
 * 3.1.1 requires. Both downstreams: a refusal of the downstream (what the database path answers to
 * an invalid payload) and Kafka not taking the message.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ErrorTopicIT {

    @Test
    void aSubscribedDeviceIsToldOnItsErrorTopicAndKeepsItsConnection() throws Exception {
        ScriptedDownstream downstream = new ScriptedDownstream();
        try (GatewayHarness harness = new GatewayHarness(GatewayOptions.defaults(0), GatewayHarness.lockerBank(),
                downstream)) {
            Device3 device = harness.closedWithHarness(Device3.connect(harness.uri(), "dev-1", "dev-1@acme",
                    GatewayHarness.PASSWORD));
            assertThat(device.subscribe("error///#", 0).getGrantedQos()).containsExactly(0);

            // WHEN the downstream refuses a QoS 1 message as invalid
            IMqttDeliveryToken refused = device.publish("telemetry", "{\"battery\": ", 1);
            downstream.next().stored().fail(ClientError.badRequest("payload is not JSON"));

            // THEN the device gets Hono's error message: endpoint, packet id as correlation id, status 400
            String report = device.received.poll(10, TimeUnit.SECONDS);
            assertThat(report).startsWith("error///telemetry/" + refused.getMessageId() + "/400 ");
            JsonObject error = new JsonObject(report.substring(report.indexOf(' ') + 1));
            assertThat(error.getInteger("code")).isEqualTo(400);
            assertThat(error.getString("message")).isEqualTo("payload is not JSON");
            assertThat(error.getString("correlation-id")).isEqualTo(Integer.toString(refused.getMessageId()));
            assertThat(Instant.parse(error.getString("timestamp"))).isBeforeOrEqualTo(Instant.now());
            // AND its PUBACK, and the connection stays: the next message is stored and acknowledged
            refused.waitForCompletion(10_000);
            IMqttDeliveryToken next = device.publish("telemetry", "{\"battery\": 90}", 1);
            downstream.next().stored().complete();
            next.waitForCompletion(10_000);
            assertThat(device.client.isConnected()).isTrue();

            // WHEN it breaks a gateway rule at QoS 0, naming its own correlation id in the property bag
            device.publish("telemetry/zenith/dev-1/?correlation-id=abc", "{}", 0);
            // THEN the error names it (403: another tenant), and still no disconnect
            assertThat(device.received.poll(10, TimeUnit.SECONDS)).startsWith("error///telemetry/abc/403 ");
            assertThat(device.client.isConnected()).isTrue();

            // WHEN it unsubscribes, the default returns: the next refusal ends the session
            device.client.unsubscribe("error///#").waitForCompletion(10_000);
            device.publish("telemetry", "{\"battery\": ", 1);
            downstream.next().stored().fail(ClientError.badRequest("payload is not JSON"));
            assertThat(device.awaitLost()).isNotNull();
        }
    }

    @Test
    void aGatewayIsToldAboutItsDevicesWithTheDeviceInTheTopic() throws Exception {
        try (GatewayHarness harness = new GatewayHarness(GatewayOptions.defaults(0), GatewayHarness.lockerBank(),
                new ScriptedDownstream().autoAccept())) {
            Device3 gateway = harness.closedWithHarness(Device3.connect(harness.uri(), "locker-bank",
                    "locker-bank@acme", GatewayHarness.PASSWORD));
            // a device it is not a gateway of, and another tenant, are refused (SUBACK failure 0x80)
            assertThat(gateway.subscribe("error//dev-2/#", 0).getGrantedQos()).containsExactly(0x80);
            assertThat(gateway.subscribe("error/zenith//#", 0).getGrantedQos()).containsExactly(0x80);
            // QoS 1 is not offered, as in Hono
            assertThat(gateway.subscribe("e//+/#", 1).getGrantedQos()).containsExactly(0x80);
            assertThat(gateway.subscribe("e/acme/+/#", 0).getGrantedQos()).containsExactly(0);

            // WHEN it publishes for a device it does not act for
            IMqttDeliveryToken token = gateway.publish("t//dev-2", "{\"battery\": 90}", 1);

            // THEN the error names the device, in the short form it subscribed with, and the PUBACK follows
            assertThat(gateway.received.poll(10, TimeUnit.SECONDS))
                    .startsWith("e/acme/dev-2/t/" + token.getMessageId() + "/403 ");
            token.waitForCompletion(10_000);
            assertThat(gateway.client.isConnected()).isTrue();
        }
    }

    @Test
    void kafkaNotTakingTheMessageIsReportedAs503() throws Exception {
        int nobody;
        try (ServerSocket socket = new ServerSocket(0)) {
            nobody = socket.getLocalPort();
        }
        Vertx vertx = Vertx.vertx();
        KafkaDownstream kafka = KafkaDownstream.create(vertx, new KafkaProducerSettings("127.0.0.1:" + nobody, "gw-err",
                Duration.ZERO, Duration.ofSeconds(2)));
        MqttGateway gateway = MqttGateway.create(vertx, GatewayOptions.defaults(0).withHost("127.0.0.1"),
                GatewayHarness.devices(new TestRegistry()), kafka, new SimpleMeterRegistry());
        try {
            int port = GatewayHarness.await(gateway.start());
            try (Device3 device = Device3.connect("tcp://127.0.0.1:" + port, "dev-3", "dev-3@acme",
                    GatewayHarness.PASSWORD)) {
                device.subscribe("error///#", 0);
                // WHEN Kafka does not take a QoS 1 event within the delivery timeout
                IMqttDeliveryToken token = device.publish("event", "{\"door\": \"open\"}", 1);
                // THEN the device is told to try again later (503) and keeps its connection
                String report = device.received.poll(30, TimeUnit.SECONDS);
                assertThat(report).startsWith("error///event/" + token.getMessageId() + "/503 ");
                assertThat(new JsonObject(report.substring(report.indexOf(' ') + 1)).getString("message"))
                        .isEqualTo("not stored, try again later");
                token.waitForCompletion(10_000);
                assertThat(device.client.isConnected()).isTrue();
            }
        } finally {
            GatewayHarness.await(gateway.stop());
            GatewayHarness.await(kafka.close());
            GatewayHarness.await(vertx.close());
        }
    }
}
