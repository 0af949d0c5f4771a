package org.anju.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.gateway.kafka.KafkaBroker;
import org.anju.gateway.kafka.KafkaCommandConsumer;
import org.anju.gateway.kafka.KafkaProducerSettings;

/**
 * The gateway's Kafka command consumer and a tenant whose command topic is created after the
 * gateway started (by the first command sent to it, the broker creating topics on demand): that
 * first command reaches the device, while a command left in a topic that existed at start is
 * never replayed. A real KRaft broker; commands written as Hono's {@code KafkaBasedCommandSender}
 * writes them.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class KafkaNewTenantCommandsIT {

    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.start(1);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aNewTenantsFirstCommandIsDeliveredAndNoOldCommandIsReplayed() throws Exception {
        // GIVEN acme's command topic with a command sent before the gateway started
        broker.createTopic("hono.command.acme", 1);
        try (KafkaProducer<String, String> producer = producer()) {
            send(producer, "acme", "dev-1", "stale", "c-0");
            TestRegistry registry = GatewayHarness.devices(new TestRegistry()).device("zenith", "dev-z",
                    GatewayHarness.PASSWORD);
            try (GatewayHarness harness = new GatewayHarness(GatewayOptions.defaults(0), registry,
                    new ScriptedDownstream().autoAccept())) {
                // the devices subscribe before the consumer starts: it does not look their tenants' topics up
                Device5 acme = harness.device5("dev-1");
                acme.subscribe("command///req/#", 1);
                Device5 zenith = harness.closedWithHarness(Device5.connect(harness.uri(), "dev-z", "dev-z@zenith",
                        GatewayHarness.PASSWORD)).answerCommands(200);
                zenith.subscribe("command///req/#", 1);
                KafkaCommandConsumer commands = GatewayHarness.await(KafkaCommandConsumer.start(harness.vertx,
                        KafkaProducerSettings.of(broker.bootstrapServers(), "gw-new-tenant"), harness.gateway,
                        Duration.ofSeconds(60)));
                try {
                    // WHEN the first command of tenant zenith is sent: the send creates hono.command.zenith
                    send(producer, "zenith", "dev-z", "open", "c-1");

                    // THEN the device gets it once the gateway has found the topic (its metadata refresh)
                    Device5.Received request = zenith.received.poll(120, TimeUnit.SECONDS);
                    assertThat(request).as("the new tenant's first command").isNotNull();
                    assertThat(request.topic()).startsWith("command///req/").endsWith("/open");
                    // AND its answer is on the tenant's response topic under the command's correlation id
                    assertThat(responseCorrelationIds("zenith")).containsExactly("c-1");

                    // WHEN acme's device gets a command now, it is the first it gets: the stale one stays unread
                    send(producer, "acme", "dev-1", "fresh", "c-2");
                    assertThat(acme.nextMessage().topic()).endsWith("/fresh");
                    assertThat(acme.received).isEmpty();
                } finally {
                    GatewayHarness.await(commands.stop());
                }
            }
        }
    }

    @Test
    void aDeviceSubscribingMakesTheGatewayLookUpItsTenantsTopicAtOnce() throws Exception {
        TestRegistry registry = new TestRegistry().device("north", "dev-n", GatewayHarness.PASSWORD);
        try (GatewayHarness harness = new GatewayHarness(GatewayOptions.defaults(0), registry,
                new ScriptedDownstream().autoAccept());
                KafkaProducer<String, String> producer = producer()) {
            KafkaCommandConsumer commands = GatewayHarness.await(KafkaCommandConsumer.start(harness.vertx,
                    KafkaProducerSettings.of(broker.bootstrapServers(), "gw-subscribe"), harness.gateway,
                    Duration.ofSeconds(60)));
            try {
                // WHEN the first device of tenant north subscribes to its commands (no topic of north exists)
                Device5 device = harness.closedWithHarness(Device5.connect(harness.uri(), "dev-n", "dev-n@north",
                        GatewayHarness.PASSWORD));
                device.subscribe("command///req/#", 1);
                // THEN the gateway looks the tenant's command topic up, which this broker creates on demand
                Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> topicExists("hono.command.north"));
                // AND a command sent now is delivered
                send(producer, "north", "dev-n", "open", "c-3");
                assertThat(device.received.poll(120, TimeUnit.SECONDS)).as("the command").isNotNull()
                        .extracting(Device5.Received::topic).asString().endsWith("/open");
            } finally {
                GatewayHarness.await(commands.stop());
            }
        }
    }

    private static boolean topicExists(String topic) throws Exception {
        try (Admin admin = broker.admin()) {
            return admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(topic);
        }
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    /** Writes a request/response command as Hono's {@code KafkaBasedCommandSender} does, and waits for the broker. */
    private static void send(KafkaProducer<String, String> producer, String tenant, String device, String name,
            String correlationId) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>("hono.command." + tenant, device, "{}");
        record.headers().add("device_id", device.getBytes(UTF_8)).add("subject", name.getBytes(UTF_8))
                .add("correlation-id", correlationId.getBytes(UTF_8)).add("response-required", "true".getBytes(UTF_8))
                .add("content-type", "application/json".getBytes(UTF_8));
        producer.send(record).get(30, TimeUnit.SECONDS);
    }

    /** The correlation ids on a tenant's response topic, read from its start once something is there. */
    private static List<String> responseCorrelationIds(String tenant) {
        List<String> ids = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition("hono.command_response." + tenant, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    ids.add(new String(record.headers().lastHeader("correlation-id").value(), UTF_8));
                }
                return !ids.isEmpty();
            });
        }
        return ids;
    }
}
