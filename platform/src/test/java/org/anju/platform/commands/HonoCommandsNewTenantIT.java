package org.anju.platform.commands;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import io.vertx.core.Vertx;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.gateway.CommandRequest;
import org.anju.gateway.CommandResponse;
import org.anju.gateway.kafka.KafkaBroker;

/**
 * The platform's sender of commands through Kafka ({@link HonoCommands}, Hono's
 * {@code KafkaBasedCommandSender}) and a tenant with no topics yet: the first command creates
 * {@code hono.command.<tenant>} and the answer is the first record of
 * {@code hono.command_response.<tenant>}; the sender must get it. The answering side is a plain
 * Kafka consumer and producer standing in for whichever gateway has the device (the gateway side
 * is {@code KafkaNewTenantCommandsIT}'s).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class HonoCommandsNewTenantIT {

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
    void theFirstAnswerOfANewTenantReachesTheSender() throws Exception {
        Vertx vertx = Vertx.vertx();
        AtomicBoolean answering = new AtomicBoolean(true);
        CompletableFuture<Void> answerer = CompletableFuture.runAsync(() -> answer("newco", answering));
        try {
            HonoCommands commands = HonoCommands.start(vertx, broker.bootstrapServers())
                    .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            try {
                // WHEN the tenant's first command is sent (no topic of the tenant exists)
                CommandResponse response = commands.send(new CommandRequest("newco", "dev-1", "open", "{}".getBytes(UTF_8),
                        false, Duration.ofSeconds(60))).toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
                // THEN the answer, the first record of the response topic, reaches the sender
                assertThat(response.status()).isEqualTo(200);
                assertThat(new String(response.payload(), UTF_8)).isEqualTo("{\"opened\": true}");
            } finally {
                commands.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        } finally {
            answering.set(false);
            answerer.get(30, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    /** Answers every command of the tenant with 200, as a gateway does, until told to stop. */
    private static void answer(String tenant, AtomicBoolean answering) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "answerer-" + tenant,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, "500"), new StringDeserializer(), new StringDeserializer());
                KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                        new StringSerializer(), new StringSerializer())) {
            consumer.subscribe(Pattern.compile(Pattern.quote("hono.command." + tenant)));
            while (answering.get()) {
                for (ConsumerRecord<String, String> command : consumer.poll(Duration.ofMillis(200))) {
                    ProducerRecord<String, String> response = new ProducerRecord<>("hono.command_response." + tenant,
                            command.key(), "{\"opened\": true}");
                    response.headers().add(command.headers().lastHeader("correlation-id"))
                            .add("tenant_id", tenant.getBytes(UTF_8)).add("device_id", command.key().getBytes(UTF_8))
                            .add("status", "200".getBytes(UTF_8))
                            .add("content-type", "application/json".getBytes(UTF_8));
                    producer.send(response);
                }
            }
        }
    }
}
