package org.anju.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Sessions belong to the authenticated device: the same device reconnecting with its client id
 * takes its session over; another device using that client id neither takes it over nor locks the
 * owner out. And revocation of connected devices.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SessionsIT {

    private GatewayHarness harness;

    @BeforeEach
    void start() throws Exception {
        harness = new GatewayHarness(GatewayOptions.defaults(0).withTimeouts(GatewayOptions.DEFAULT_ACK_TIMEOUT,
                Duration.ofMillis(200)), GatewayHarness.devices(new TestRegistry()), new ScriptedDownstream().autoAccept());
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void secondConnectionWithTheSameClientIdTakesOver() throws Exception {
        try (Device5 first = Device5.connect(harness.uri(), "lift-7", "dev-1@acme", GatewayHarness.PASSWORD);
                Device5 second = Device5.connect(harness.uri(), "lift-7", "dev-1@acme", GatewayHarness.PASSWORD)) {
            assertThat(first.awaitDisconnectReason()).isEqualTo(0x8E);
            assertThat(second.publishAndAwaitReason("t", "{\"a\": 1}")).isZero();
            assertThat(harness.gateway.connectionCount()).isEqualTo(1);
        }
    }

    @Test
    void anotherDeviceUsingTheOwnersClientIdDoesNotTakeItsSessionOver() throws Exception {
        try (Device5 owner = Device5.connect(harness.uri(), "lift-8", "dev-1@acme", GatewayHarness.PASSWORD);
                Device5 other = Device5.connect(harness.uri(), "lift-8", "dev-2@acme", GatewayHarness.PASSWORD)) {
            assertThat(owner.publishAndAwaitReason("t", "{\"a\": 1}")).as("the owner is still connected").isZero();
            assertThat(other.publishAndAwaitReason("t", "{\"a\": 2}")).isZero();
            assertThat(owner.disconnectReason).isNotDone();
            assertThat(harness.gateway.connectionCount()).isEqualTo(2);
        }
    }

    @Test
    void aDeviceSquattingOnAClientIdCannotLockTheOwnerOut() throws Exception {
        try (Device5 squatter = Device5.connect(harness.uri(), "lift-9", "dev-2@acme", GatewayHarness.PASSWORD);
                Device5 owner = Device5.connect(harness.uri(), "lift-9", "dev-1@acme", GatewayHarness.PASSWORD)) {
            assertThat(owner.publishAndAwaitReason("t", "{\"a\": 1}")).isZero();
            assertThat(squatter.publishAndAwaitReason("t", "{\"a\": 2}")).as("nor is it taken over").isZero();
            assertThat(squatter.disconnectReason).isNotDone();
        }
        assertThat(harness.downstream.accepted()).extracting(m -> m.deviceId()).containsExactlyInAnyOrder("dev-1", "dev-2");
    }

    @Test
    void disabledDeviceIsDisconnectedAndRefused() throws Exception {
        try (Device5 device = Device5.connect(harness.uri(), "dev-3", "dev-3@acme", GatewayHarness.PASSWORD);
                Device3 legacy = Device3.connect(harness.uri(), "dev-4", "dev-4@acme", GatewayHarness.PASSWORD)) {
            harness.registry.disable("acme", "dev-3");
            harness.registry.disable("acme", "dev-4");

            assertThat(device.awaitDisconnectReason()).isEqualTo(0x87);
            assertThat(legacy.awaitLost()).isNotNull();
        }
        assertThatThrownBy(() -> Device5.connect(harness.uri(), "dev-3", "dev-3@acme", GatewayHarness.PASSWORD))
                .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(0x86));
    }
}
