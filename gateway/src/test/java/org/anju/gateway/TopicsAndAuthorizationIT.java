package org.anju.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.anju.protocol.DeviceMessage;
import org.anju.protocol.Endpoint;

/**
 * Every topic form of the Hono device API, QoS rules, and who may publish for whom, with Paho
 * MQTT 5 and 3.1.1 clients.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TopicsAndAuthorizationIT {

    private GatewayHarness harness;

    @BeforeEach
    void start() throws Exception {
        TestRegistry registry = GatewayHarness.devices(new TestRegistry())
                .device("acme", "uitd-1", GatewayHarness.PASSWORD)
                .gatewayOf("acme", "uitd-1", "detector-1")
                .device("other", "dev-x", GatewayHarness.PASSWORD);
        harness = new GatewayHarness(GatewayOptions.defaults(0), registry, new ScriptedDownstream().autoAccept());
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"telemetry", "t", "event", "e", "telemetry/acme/dev-1", "t//dev-1", "event//dev-1",
        "telemetry/?content-type=application%2Fjson"})
    void everyFormADeviceUsesForItselfIsStored(String topic) throws Exception {
        try (Device5 device = Device5.connect(harness.uri(), "dev-1", "dev-1@acme", GatewayHarness.PASSWORD)) {
            assertThat(device.publishAndAwaitReason(topic, "{\"kind\": \"heartbeat\", \"a\": 1}")).isZero();
        }
        DeviceMessage stored = harness.downstream.accepted().getLast();
        assertThat(stored.deviceId()).isEqualTo("dev-1");
        assertThat(stored.tenantId()).isEqualTo("acme");
        assertThat(stored.endpoint()).isEqualTo(topic.startsWith("e") ? Endpoint.EVENT : Endpoint.TELEMETRY);
    }

    @Test
    void mqtt311DeviceUsesEveryFormToo() throws Exception {
        try (Device3 device = Device3.connect(harness.uri(), "dev-2", "dev-2@acme", GatewayHarness.PASSWORD)) {
            for (String topic : List.of("telemetry", "t", "event", "e", "t/acme/dev-2")) {
                device.publish(topic, "{\"kind\": \"x\", \"a\": 1}", 1).waitForCompletion(10_000);
            }
        }
        assertThat(harness.downstream.accepted()).hasSize(5).allSatisfy(m -> assertThat(m.deviceId()).isEqualTo("dev-2"));
    }

    @Test
    void telemetryAtQos0IsHandedOnWithoutAcknowledgement() throws Exception {
        try (Device5 device = Device5.connect(harness.uri(), "dev-3", "dev-3@acme", GatewayHarness.PASSWORD)) {
            device.publish("t", "{\"a\": 1}", 0);
            await().atMost(10, TimeUnit.SECONDS).until(() -> !harness.downstream.accepted().isEmpty());
        }
        assertThat(harness.downstream.accepted().getFirst().qos()).isZero();
    }

    @Test
    void gatewayPublishesForTheDevicesItIsRegisteredFor() throws Exception {
        try (Device5 uitd = Device5.connect(harness.uri(), "uitd-1", "uitd-1@acme", GatewayHarness.PASSWORD)) {
            assertThat(uitd.publishAndAwaitReason("event/acme/detector-1", "{\"kind\": \"alarm\"}")).isZero();
            assertThat(uitd.publishAndAwaitReason("e//detector-1", "{\"kind\": \"alarm_cleared\"}")).isZero();
            assertThat(uitd.publishAndAwaitReason("event/acme/detector-2", "{\"kind\": \"alarm\"}"))
                    .as("not registered for detector-2").isEqualTo(0x87);
        }
        assertThat(harness.downstream.accepted()).extracting(DeviceMessage::deviceId).containsExactly("detector-1", "detector-1");
    }

    @Test
    void deviceMayNotPublishAsAnotherDeviceOrTenant() throws Exception {
        try (Device5 device = Device5.connect(harness.uri(), "dev-4", "dev-4@acme", GatewayHarness.PASSWORD)) {
            assertThat(device.publishAndAwaitReason("telemetry/acme/dev-5", "{\"a\": 1}")).isEqualTo(0x87);
            org.eclipse.paho.mqttv5.client.IMqttToken other = device.publish("telemetry/acme/dev-6", "{\"a\": 1}", 1);
            assertThat(Device5.reasonCode(other)).isEqualTo(0x87);
            assertThat(Device5.reasonString(other)).contains("not registered as a gateway of dev-6");
            assertThat(device.publishAndAwaitReason("telemetry/other/dev-x", "{\"a\": 1}")).isEqualTo(0x87);
        }
        try (Device3 legacy = Device3.connect(harness.uri(), "dev-5", "dev-5@acme", GatewayHarness.PASSWORD)) {
            legacy.publish("telemetry/acme/dev-4", "{\"a\": 1}", 1);
            assertThat(legacy.awaitLost()).as("MQTT 3.1.1: refused by closing").isNotNull();
        }
        assertThat(harness.downstream.accepted()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"temperature", "telemetry/acme", "a/b/c/d", "command///req/1/x"})
    void invalidTopicIsRefusedWithTopicNameInvalid(String topic) throws Exception {
        try (Device5 device = Device5.connect(harness.uri(), "dev-6", "dev-6@acme", GatewayHarness.PASSWORD)) {
            assertThat(device.publishAndAwaitReason(topic, "{\"a\": 1}")).isEqualTo(0x90);
        }
    }

    @Test
    void eventsAtQos0AreRefused() throws Exception {
        try (Device5 device = Device5.connect(harness.uri(), "dev-7", "dev-7@acme", GatewayHarness.PASSWORD)) {
            device.publish("event", "{\"kind\": \"alarm\"}", 0);
            assertThat(device.awaitDisconnectReason()).isEqualTo(0x9B);
        }
        try (Device3 legacy = Device3.connect(harness.uri(), "dev-8", "dev-8@acme", GatewayHarness.PASSWORD)) {
            legacy.publish("event", "{\"kind\": \"alarm\"}", 0);
            assertThat(legacy.awaitLost()).isNotNull();
        }
        assertThat(harness.downstream.accepted()).isEmpty();
    }

    @Test
    void qos2IsNotSupported() throws Exception {
        // MQTT 5 clients learn Maximum QoS 1 from the CONNACK; an MQTT 3.1.1 client cannot, and is closed
        try (Device3 legacy = Device3.connect(harness.uri(), "dev-9", "dev-9@acme", GatewayHarness.PASSWORD)) {
            legacy.publish("telemetry", "{\"a\": 1}", 2);
            assertThat(legacy.awaitLost()).isNotNull();
        }
        assertThat(harness.downstream.accepted()).isEmpty();
    }

    @Test
    void connectAndDisconnectBecomeConnectionEvents() throws Exception {
        Device5.connect(harness.uri(), "dev-1", "dev-1@acme", GatewayHarness.PASSWORD).close();

        await().atMost(10, TimeUnit.SECONDS).until(() -> harness.downstream.notifications().size() >= 2);
        assertThat(harness.downstream.notifications()).extracting(m -> new String(m.payload()))
                .anySatisfy(p -> assertThat(p).contains("\"kind\": \"connected\""))
                .anySatisfy(p -> assertThat(p).contains("\"kind\": \"disconnected\""));
        assertThat(harness.downstream.notifications()).allSatisfy(m -> {
            assertThat(m.deviceId()).isEqualTo("dev-1");
            assertThat(m.endpoint()).isEqualTo(Endpoint.EVENT);
        });
    }
}
