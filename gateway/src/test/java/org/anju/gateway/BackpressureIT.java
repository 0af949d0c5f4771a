package org.anju.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.protocol.DeviceMessage;

/**
 * Pipelined QoS 1 publishing: packets cut across TCP writes decode correctly and are all
 * acknowledged in order, and a held-back downstream makes the gateway stop reading instead of
 * buffering.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BackpressureIT {

    private static final int MESSAGES = 2000;

    @Test
    void pipelinedPublishesSplitAcrossTcpWritesAreDecodedAndAcknowledgedInOrder() throws Exception {
        try (GatewayHarness harness = new GatewayHarness(GatewayOptions.defaults(0),
                GatewayHarness.devices(new TestRegistry()).limits("acme", new TenantLimits(65536, 1e6, 1_000_000, 10, 256)),
                new ScriptedDownstream().autoAccept());
                RawMqttClient client = new RawMqttClient(harness.port)) {
            assertThat(client.connect("dev-1", "dev-1@acme", GatewayHarness.PASSWORD)).isZero();
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            for (int id = 1; id <= MESSAGES; id++) {
                // sizes vary so that packet boundaries fall everywhere relative to the writes
                String payload = "{\"seq\": " + id + ", \"pad\": \"" + "x".repeat(id % 97) + "\"}";
                stream.write(RawMqttClient.publish("telemetry", id, payload.getBytes(UTF_8)));
            }

            client.writeInChunks(stream.toByteArray(), 1, 7, 1000, 3, 65536, 13);

            for (int id = 1; id <= MESSAGES; id++) {
                assertThat(client.readPuback()).isEqualTo(id);
            }
            List<DeviceMessage> stored = harness.downstream.accepted();
            assertThat(stored).hasSize(MESSAGES);
            assertThat(new String(stored.get(1234).payload(), UTF_8)).startsWith("{\"seq\": 1235,");
        }
    }

    @Test
    void heldDownstreamStopsReadingInsteadOfBuffering() throws Exception {
        int perConnection = 16;
        ScriptedDownstream downstream = new ScriptedDownstream();
        try (GatewayHarness harness = new GatewayHarness(
                GatewayOptions.defaults(0).withConnectionLimits(100, perConnection, 1000),
                GatewayHarness.devices(new TestRegistry()).limits("acme", new TenantLimits(65536, 1e6, 1_000_000, 10, 256)),
                downstream);
                RawMqttClient client = new RawMqttClient(harness.port)) {
            assertThat(client.connect("dev-2", "dev-2@acme", GatewayHarness.PASSWORD)).isZero();
            byte[] payload = ("{\"pad\": \"" + "x".repeat(1000) + "\"}").getBytes(UTF_8);
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    ByteArrayOutputStream stream = new ByteArrayOutputStream();
                    for (int id = 1; id <= MESSAGES; id++) {
                        stream.write(RawMqttClient.publish("telemetry", id, payload));
                    }
                    // blocks once the gateway stops reading and the socket buffers are full
                    client.writeInChunks(stream.toByteArray(), 8192);
                } catch (Exception e) {
                    // the socket closes at the end of the test
                }
            });

            await().atMost(20, TimeUnit.SECONDS).until(() -> downstream.held() >= perConnection);
            // one socket read (at most 64 KiB, about 60 of these messages) may already be decoded when reading stops
            int bound = perConnection + 64 * 1024 / payload.length + 1;
            await().during(Duration.ofMillis(700)).atMost(5, TimeUnit.SECONDS)
                    .until(() -> downstream.held() <= bound);

            List<ScriptedDownstream.Delivery> released = new ArrayList<>();
            int acknowledged = 0;
            while (acknowledged < MESSAGES) {
                ScriptedDownstream.Delivery next = downstream.next();
                next.stored().complete();
                released.add(next);
                downstream.drainHeld().forEach(d -> {
                    d.stored().complete();
                    released.add(d);
                });
                while (acknowledged < released.size()) {
                    assertThat(client.readPuback()).isEqualTo(++acknowledged);
                }
            }
            writer.join(10_000);
            assertThat(released).hasSize(MESSAGES);
        }
    }
}
