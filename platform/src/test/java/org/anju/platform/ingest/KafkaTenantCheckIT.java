package org.anju.platform.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.gateway.kafka.KafkaBroker;
import org.anju.gateway.kafka.KafkaDownstream;
import org.anju.gateway.kafka.KafkaProducerSettings;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.RunningPlatform;
import org.anju.protocol.DeviceMessage;
import org.anju.protocol.Endpoint;

/**
 * Kafka ingest stores a record only for a device of the tenant whose topic carried it: anyone who
 * may produce to {@code hono.telemetry.<tenant>} must not write another tenant's devices, nor
 * invent devices. Records are produced in Hono's format (the gateway's own producer) straight to a
 * real KRaft broker, as a foreign or misconfigured producer would.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class KafkaTenantCheckIT {

    private static final String GROUP = "anju-tenant-it";
    private static final String OTHER_TOPIC = "hono.telemetry." + Fixtures.OTHER_TENANT;
    private static final List<String> TOPICS = List.of("hono.telemetry." + Fixtures.TENANT, OTHER_TOPIC);
    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.start(1);
        for (String topic : TOPICS) {
            broker.createTopic(topic, 1);
        }
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void recordsForAnotherTenantsDeviceOrAnUnknownDeviceAreDroppedAndCounted() throws Exception {
        // GIVEN a consuming platform, acme's camera cam-1, and tenant zenith
        try (RunningPlatform running = RunningPlatform.start(Map.of(
                "ANJU_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(), "ANJU_KAFKA_CONSUME", "true",
                "ANJU_KAFKA_GROUP_ID", GROUP))) {
            running.fixtures().device("cam-1", "camera", "tenant-secret").otherTenantAdmin("zed", "zenith-password")
                    .platformAdmin("root", "root-password");
            Vertx vertx = Vertx.vertx();
            KafkaDownstream producer = KafkaDownstream.create(vertx, KafkaProducerSettings.of(broker.bootstrapServers(),
                    "tenant-it"));
            try {
                // WHEN zenith's topic carries three records naming acme's cam-1 and one naming a device nobody registered,
                // and acme's topic one record of cam-1
                for (int i = 0; i < 3; i++) {
                    await(producer.send(reading(Fixtures.OTHER_TENANT, "cam-1", "2026-12-01T01:00:0" + i + "Z")));
                }
                await(producer.send(reading(Fixtures.OTHER_TENANT, "ghost-1", "2026-12-01T02:00:00Z")));
                await(producer.send(reading(Fixtures.TENANT, "cam-1", "2026-12-01T03:00:00Z")));
            } finally {
                await(producer.close());
                await(vertx.close());
            }

            // THEN once the group has committed everything, only acme's own record is stored
            Awaitility.await().atMost(120, TimeUnit.SECONDS).until(() -> broker.groupCaughtUp(GROUP, TOPICS));
            assertThat(running.sqlRows("SELECT DISTINCT device_id || ' ' || extract(epoch FROM ts)::bigint FROM telemetry"))
                    .containsExactly("cam-1 " + Instant.parse("2026-12-01T03:00:00Z").getEpochSecond());
            assertThat(running.sqlRows("SELECT count(*) FROM devices WHERE id = 'ghost-1'")).containsExactly("0");
            // AND the dropped records are counted by why
            String metrics = running.get("/metrics", running.login("root", "root-password")).body();
            assertThat(metrics)
                    .containsPattern("anju_kafka_records_total\\{outcome=\"wrong_tenant\",?} 3\\.0")
                    .containsPattern("anju_kafka_records_total\\{outcome=\"unknown_device\",?} 1\\.0")
                    .containsPattern("anju_kafka_records_total\\{outcome=\"stored\",?} 1\\.0");
        }
    }

    private static DeviceMessage reading(String topicTenant, String deviceId, String ts) {
        String payload = "{\"ts\": \"" + ts + "\", \"status\": \"OK\", \"temperature\": 21}";
        return new DeviceMessage(topicTenant, deviceId, Endpoint.TELEMETRY, 1, payload.getBytes(UTF_8), Instant.now());
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}
