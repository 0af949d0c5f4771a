package org.anju.platform.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.gateway.Device5;
import org.anju.gateway.kafka.KafkaBroker;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.RunningPlatform;

/**
 * The Hono/Kafka mode in one JVM against a real KRaft broker and a real database: the gateway of
 * one instance produces Hono records, two instances consume them as one group, and a whole
 * redelivery (the group's offsets reset to the beginning, as after a crash before any commit) is
 * stored nothing twice. The crash of an instance itself is {@code KafkaKillNineIT}
 * (system-tests).
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class KafkaScaleOutIT {

    private static final String SECRET = "kafka-secret";
    private static final String GROUP = "anju-it";
    private static final int DEVICES = 6;
    private static final int MESSAGES = 50;
    private static final List<String> TOPICS = List.of("hono.telemetry." + Fixtures.TENANT, "hono.event." + Fixtures.TENANT);
    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.start(4);
        for (String topic : TOPICS) {
            broker.createTopic(topic, 4);
        }
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void twoInstancesStoreEachMessageOnceAndARedeliveryNothingTwice() throws Exception {
        // GIVEN instance A (its gateway produces to Kafka, it consumes) and instance B (consumes), one database
        RunningPlatform a = RunningPlatform.start(kafka(true));
        RunningPlatform b = null;
        try {
            b = RunningPlatform.alongside(a, kafka(false));
            Fixtures fixtures = a.fixtures();
            for (int d = 1; d <= DEVICES; d++) {
                fixtures.device("cam-" + d, "camera", SECRET);
            }

            // WHEN devices publish telemetry at QoS 1 to A's gateway
            int acknowledged = publish(a.mqttUri());

            // THEN every acknowledged message is stored once, by whichever instance got its partition
            assertThat(acknowledged).isEqualTo(DEVICES * MESSAGES);
            awaitStored(a, acknowledged);
            assertThat(duplicates(a)).isZero();
            // the group commits only what is stored: once it has caught up, the connection notices are stored too
            awaitGroupCaughtUp();
            String events = a.sqlRows("SELECT count(*) FROM device_events").get(0);

            // WHEN both leave, the group's offsets go back to the start, and a new instance reads it all again
            b.close();
            b = null;
            a.platform().close();
            rewindGroup();
            b = RunningPlatform.alongside(a, kafka(false));
            awaitGroupCaughtUp();

            // THEN nothing is stored twice: the fence knew every record
            assertThat(count(b, "SELECT count(DISTINCT (device_id, ts)) FROM telemetry")).isEqualTo(acknowledged);
            assertThat(duplicates(b)).isZero();
            assertThat(b.sqlRows("SELECT count(*) FROM device_events").get(0)).isEqualTo(events);
        } finally {
            if (b != null) {
                b.close();
            }
            a.close();
        }
    }

    private static Map<String, String> kafka(boolean gatewayToKafka) {
        Map<String, String> env = new HashMap<>();
        env.put("ANJU_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("ANJU_KAFKA_GATEWAY_OUTPUT", gatewayToKafka ? "kafka" : "database");
        env.put("ANJU_KAFKA_CONSUME", "true");
        env.put("ANJU_KAFKA_GROUP_ID", GROUP);
        return env;
    }

    private static int publish(String uri) throws Exception {
        Instant start = Instant.parse("2026-12-01T00:00:00Z");
        List<Device5> devices = new ArrayList<>();
        List<IMqttToken> tokens = new ArrayList<>();
        try {
            for (int d = 1; d <= DEVICES; d++) {
                devices.add(Device5.connect(uri, "cam-" + d, "cam-" + d + "@" + Fixtures.TENANT, SECRET));
            }
            for (int i = 0; i < MESSAGES; i++) {
                for (Device5 device : devices) {
                    tokens.add(device.publish("telemetry", "{\"ts\": \"" + start.plusSeconds(i)
                            + "\", \"status\": \"OK\", \"temperature\": " + (20 + i % 10) + "}", 1));
                }
            }
            int acknowledged = 0;
            for (IMqttToken token : tokens) {
                acknowledged += Device5.reasonCode(token) == 0 ? 1 : 0;
            }
            return acknowledged;
        } finally {
            for (Device5 device : devices) {
                device.close();
            }
        }
    }

    private static void awaitStored(RunningPlatform running, int messages) {
        Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() ->
                count(running, "SELECT count(DISTINCT (device_id, ts)) FROM telemetry") >= messages);
    }

    /** Data points stored more than once: the same device, time and metric twice. */
    private static long duplicates(RunningPlatform running) {
        return count(running, "SELECT count(*) FROM (SELECT 1 FROM telemetry GROUP BY device_id, ts, metric"
                + " HAVING count(*) > 1) d");
    }

    private static long count(RunningPlatform running, String query) {
        return Long.parseLong(running.sqlRows(query).get(0));
    }

    /** Waits until the group has committed every partition of both topics up to its end. */
    private static void awaitGroupCaughtUp() {
        Awaitility.await().atMost(90, TimeUnit.SECONDS).until(() -> broker.groupCaughtUp(GROUP, TOPICS));
    }

    /** Sets the (empty) group's offsets back to the beginning, as if it had never committed. */
    private static void rewindGroup() throws Exception {
        try (Admin admin = broker.admin()) {
            Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
            for (String topic : TOPICS) {
                for (int p = 0; p < 4; p++) {
                    start.put(new TopicPartition(topic, p), new OffsetAndMetadata(0));
                }
            }
            // the group is empty once its members left; Kafka refuses the change while one is in it
            Awaitility.await().atMost(60, TimeUnit.SECONDS).ignoreExceptions().until(() -> {
                admin.alterConsumerGroupOffsets(GROUP, start).all().get(10, TimeUnit.SECONDS);
                return true;
            });
        }
    }
}
