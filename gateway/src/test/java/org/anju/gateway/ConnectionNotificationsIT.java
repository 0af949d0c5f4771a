package org.anju.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.protocol.DeviceMessage;

/**
 * The connection notices the gateway hands downstream, which the platform's presence reads: only
 * {@code disconnected} means the device went away; a takeover and the gateway's own shutdown say so.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectionNotificationsIT {

    @Test
    void eachWayAConnectionEndsHasItsOwnKind() throws Exception {
        ScriptedDownstream downstream = new ScriptedDownstream().autoAccept();
        GatewayHarness harness = GatewayHarness.standard(downstream);
        try {
            Device5.connect(harness.uri(), "dev-1", "dev-1@acme", GatewayHarness.PASSWORD).close();
            awaitKinds(downstream, "dev-1", "connected", "disconnected");

            Device5 first = Device5.connect(harness.uri(), "dev-2", "dev-2@acme", GatewayHarness.PASSWORD);
            Device5.connect(harness.uri(), "dev-2", "dev-2@acme", GatewayHarness.PASSWORD);
            assertThat(first.awaitDisconnectReason()).isEqualTo(0x8E);
            // the new connection's notice and the old one's may be sent from two event loops in either order
            awaitKinds(downstream, "dev-2", false, "connected", "connected", "taken_over");
            first.client.close(true);
        } finally {
            harness.close();
        }
        awaitKinds(downstream, "dev-2", false, "connected", "connected", "taken_over", "gateway_stopped");
        assertThat(kinds(downstream, "dev-2").getLast()).isEqualTo("gateway_stopped");
    }

    private static void awaitKinds(ScriptedDownstream downstream, String deviceId, String... kinds) {
        awaitKinds(downstream, deviceId, true, kinds);
    }

    private static void awaitKinds(ScriptedDownstream downstream, String deviceId, boolean ordered, String... kinds) {
        Awaitility.await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
            if (ordered) {
                assertThat(kinds(downstream, deviceId)).containsExactly(kinds);
            } else {
                assertThat(kinds(downstream, deviceId)).containsExactlyInAnyOrder(kinds);
            }
        });
    }

    private static List<String> kinds(ScriptedDownstream downstream, String deviceId) {
        return downstream.notifications().stream()
                .filter(m -> m.deviceId().equals(deviceId))
                .map(DeviceMessage::payload)
                .map(payload -> new String(payload, UTF_8).replaceAll(".*\"kind\": \"([a-z_]+)\".*", "$1"))
                .toList();
    }
}
