package org.anju.platform;

import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import org.anju.gateway.Downstream;
import org.anju.gateway.kafka.KafkaDownstream;
import org.anju.gateway.kafka.KafkaProducerSettings;
import org.anju.platform.config.AnjuConfig;
import org.anju.platform.ingest.DeviceTenants;
import org.anju.platform.ingest.KafkaIngest;
import org.anju.platform.ingest.KafkaIngestSettings;
import org.anju.platform.ingest.TelemetryIngest;

/**
 * The parts of the Eclipse Hono / Kafka mode one process runs (docs/scale-out.md): the gateway's
 * Kafka output instead of the database, and/or this process as a member of the consumer group
 * that stores Hono's topics. With the mode off, the gateway hands messages to ingest directly.
 */
final class ScaleOut {

    private final Optional<KafkaDownstream> producer;
    private final Optional<KafkaIngest> consumer;
    private final Downstream gatewayDownstream;

    private ScaleOut(Optional<KafkaDownstream> producer, Optional<KafkaIngest> consumer, Downstream ingest) {
        this.producer = producer;
        this.consumer = consumer;
        this.gatewayDownstream = producer.<Downstream>map(p -> p).orElse(ingest);
    }

    /** Starts what the configuration asks for; the future fails when the consumer cannot join its group. */
    static Future<ScaleOut> start(Vertx vertx, AnjuConfig.Kafka config, TelemetryIngest ingest, DeviceTenants tenants,
            MeterRegistry meters) {
        Optional<KafkaDownstream> producer = config.gatewayToKafka()
                ? Optional.of(KafkaDownstream.create(vertx, new KafkaProducerSettings(config.bootstrapServers(),
                        "anju-gateway", config.linger(), config.deliveryTimeout())))
                : Optional.empty();
        if (!config.consume()) {
            return Future.succeededFuture(new ScaleOut(producer, Optional.empty(), ingest));
        }
        KafkaIngestSettings settings = new KafkaIngestSettings(config.bootstrapServers(), config.groupId(),
                KafkaIngestSettings.HONO_TOPICS, config.maxPollRecords(), config.retryMaxDelay(), config.sessionTimeout());
        return KafkaIngest.start(vertx, ingest, tenants, settings, meters)
                .map(consumer -> new ScaleOut(producer, Optional.of(consumer), ingest));
    }

    /** Returns where the in-process gateway hands device messages. */
    Downstream gatewayDownstream() {
        return gatewayDownstream;
    }

    /** Leaves the consumer group (before ingest stops); idempotent. */
    Future<Void> stopConsuming() {
        return consumer.map(KafkaIngest::stop).orElse(Future.succeededFuture());
    }

    /** Closes the gateway's producer (after the gateway stopped); idempotent. */
    Future<Void> closeProducer() {
        return producer.map(KafkaDownstream::close).orElse(Future.succeededFuture());
    }
}
