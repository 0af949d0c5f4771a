package org.anju.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;

import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every per-tenant limit and the gateway-wide connection limit, with the MQTT 5 reason code each
 * one gives and the MQTT 3.1.1 disconnect.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LimitsIT {

    private static final TenantLimits TIGHT = new TenantLimits(128, 1, 3, 2, 40);
    private GatewayHarness harness;

    @BeforeEach
    void start() throws Exception {
        TestRegistry registry = GatewayHarness.devices(new TestRegistry()).limits("acme", TIGHT)
                .device("roomy", "dev-r", GatewayHarness.PASSWORD);
        harness = new GatewayHarness(GatewayOptions.defaults(0).withConnectionLimits(3, 64, 20_000), registry,
                new ScriptedDownstream().autoAccept());
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void payloadOverTheTenantLimitEndsTheSessionWithPacketTooLarge() throws Exception {
        try (Device5 device = connect("dev-1")) {
            assertThat(device.publishAndAwaitReason("t", "{\"a\": 1}")).isZero();
            device.publish("t", "{\"a\": \"" + "x".repeat(200) + "\"}", 1);
            assertThat(device.awaitDisconnectReason()).isEqualTo(0x95);
        }
        try (Device3 legacy = Device3.connect(harness.uri(), "dev-2", "dev-2@acme", GatewayHarness.PASSWORD)) {
            legacy.publish("t", "{\"a\": \"" + "x".repeat(200) + "\"}", 1);
            assertThat(legacy.awaitLost()).isNotNull();
        }
        assertThat(harness.downstream.accepted()).hasSize(1);
    }

    @Test
    void messageRateOverTheTokenBucketEndsTheSessionWithRateTooHigh() throws Exception {
        try (Device5 device = connect("dev-1")) {
            for (int i = 0; i < 3; i++) {
                assertThat(device.publishAndAwaitReason("t", "{\"a\": " + i + "}")).as("within the burst").isZero();
            }
            device.publish("t", "{\"a\": 4}", 1);
            assertThat(device.awaitDisconnectReason()).isEqualTo(0x96);
        }
    }

    @Test
    void topicLongerThanTheLimitIsInvalid() throws Exception {
        try (Device5 device = connect("dev-1")) {
            assertThat(device.publishAndAwaitReason("telemetry/acme/" + "d".repeat(40), "{\"a\": 1}")).isEqualTo(0x90);
        }
    }

    @Test
    void connectionsPerTenantAreCappedWithQuotaExceeded() throws Exception {
        try (Device5 first = connect("dev-1"); Device5 second = connect("dev-2")) {
            assertThatThrownBy(() -> connect("dev-3"))
                    .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(0x97));
            assertThatThrownBy(() -> Device3.connect(harness.uri(), "dev-4", "dev-4@acme", GatewayHarness.PASSWORD))
                    .isInstanceOfSatisfying(org.eclipse.paho.client.mqttv3.MqttException.class,
                            e -> assertThat(e.getReasonCode()).isEqualTo(3));
            assertThat(first.client.isConnected() && second.client.isConnected()).isTrue();
        }
        connect("dev-3").close(); // slots are given back on disconnect
    }

    @Test
    void gatewayWideConnectionLimitHoldsAcrossTenants() throws Exception {
        try (Device5 a = connect("dev-1"); Device5 b = connect("dev-2");
                Device5 c = Device5.connect(harness.uri(), "dev-r", "dev-r@roomy", GatewayHarness.PASSWORD)) {
            assertThat(harness.gateway.connectionCount()).isEqualTo(3);
            assertThatThrownBy(() -> Device5.connect(harness.uri(), "dev-r2", "dev-r@roomy", GatewayHarness.PASSWORD))
                    .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(0x97));
        }
    }

    private Device5 connect(String id) throws MqttException {
        return Device5.connect(harness.uri(), id, id + "@acme", GatewayHarness.PASSWORD);
    }
}
