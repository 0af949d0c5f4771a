package org.anju.gateway.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.kafka.client.producer.KafkaProducer;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.error.ServerError;
import org.anju.gateway.Downstream;
import org.anju.protocol.DeviceMessage;

/**
 * The scale-out {@link Downstream}: every message becomes one record in Eclipse Hono's northbound
 * format ({@link HonoRecords}), and its future succeeds only when Kafka has acknowledged the record
 * on all in-sync replicas ({@code acks=all}) with an idempotent producer, so that the device's
 * PUBACK means "accepted by Kafka" and a producer retry writes no second copy.
 * <p>
 * Payloads are not decoded here: whatever the device sent goes through with its content type, for
 * the platform and any other Hono business application on the topic.
 */
public final class KafkaDownstream implements Downstream {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaDownstream.class);

    private final KafkaProducer<String, Buffer> producer;

    private KafkaDownstream(KafkaProducer<String, Buffer> producer) {
        this.producer = producer;
    }

    /**
     * Creates the producer; it connects lazily, at the first message.
     *
     * @param settings where Kafka is and how long a record may take
     */
    public static KafkaDownstream create(Vertx vertx, KafkaProducerSettings settings) {
        Objects.requireNonNull(vertx, "vertx");
        LOG.info("device messages go to Kafka in Hono's format [{}]", settings);
        return new KafkaDownstream(KafkaProducer.create(vertx, producerConfig(settings), String.class, Buffer.class));
    }

    /** Returns the producer configuration: durable (all replicas) and idempotent. */
    static Map<String, String> producerConfig(KafkaProducerSettings settings) {
        Map<String, String> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, settings.clientId());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // at most 5 in flight keeps the idempotent producer's ordering per partition
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        config.put(ProducerConfig.LINGER_MS_CONFIG, Long.toString(settings.linger().toMillis()));
        long deliveryMs = settings.deliveryTimeout().toMillis();
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(deliveryMs));
        // the request timeout must stay within the delivery timeout (less the linger), or the producer refuses to start
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                Long.toString(Math.max(1, Math.min(30_000, deliveryMs - settings.linger().toMillis()))));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(Math.min(deliveryMs, Duration.ofSeconds(10).toMillis())));
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, "io.vertx.kafka.client.serialization.BufferSerializer");
        return config;
    }

    /**
     * Produces the message's record.
     *
     * @return a future that succeeds once Kafka acknowledged the record on all in-sync replicas;
     *         it fails with a retryable {@link ServerError} (503) when Kafka did not take it within
     *         the delivery timeout
     */
    @Override
    public Future<Void> send(DeviceMessage message) {
        return producer.send(HonoRecords.toRecord(message))
                .<Void>mapEmpty()
                .recover(cause -> Future.failedFuture(ServerError.unavailable("Kafka did not take the message: "
                        + cause.getMessage(), cause)));
    }

    /** Sends what is buffered and closes the producer; idempotent. */
    public Future<Void> close() {
        return producer.close();
    }
}
