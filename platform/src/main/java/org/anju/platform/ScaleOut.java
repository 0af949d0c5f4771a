package org.anju.platform;

import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import org.anju.gateway.Downstream;
import org.anju.gateway.MqttGateway;
import org.anju.gateway.kafka.KafkaCommandConsumer;
import org.anju.gateway.kafka.KafkaDownstream;
import org.anju.gateway.kafka.KafkaProducerSettings;
import org.anju.platform.commands.CommandChannel;
import org.anju.platform.commands.DeviceCommands;
import org.anju.platform.commands.HonoCommands;
import org.anju.platform.config.AnjuConfig;
import org.anju.platform.ingest.DeviceTenants;
import org.anju.platform.ingest.KafkaIngest;
import org.anju.platform.ingest.KafkaIngestSettings;
import org.anju.platform.ingest.TelemetryIngest;

/**
 * The parts of the Eclipse Hono / Kafka mode one process runs (docs/scale-out.md): the gateway's
 * Kafka output instead of the database, this process as a member of the consumer group that
 * stores Hono's topics, and commands through Hono's Kafka command API. With the mode off, the
 * gateway hands messages to ingest directly and the API hands commands to the gateway.
 */
final class ScaleOut {

    private final Vertx vertx;
    private final AnjuConfig.Kafka config;
    private final Optional<KafkaDownstream> producer;
    private final Optional<KafkaIngest> consumer;
    private final Optional<HonoCommands> commandSender;
    private final Downstream gatewayDownstream;
    private KafkaCommandConsumer commandConsumer;

    private ScaleOut(Vertx vertx, AnjuConfig.Kafka config, Optional<KafkaDownstream> producer,
            Optional<KafkaIngest> consumer, Optional<HonoCommands> commandSender, Downstream ingest) {
        this.vertx = vertx;
        this.config = config;
        this.producer = producer;
        this.consumer = consumer;
        this.commandSender = commandSender;
        this.gatewayDownstream = producer.<Downstream>map(p -> p).orElse(ingest);
    }

    /** Starts what the configuration asks for; the future fails when the consumer cannot join its group. */
    static Future<ScaleOut> start(Vertx vertx, AnjuConfig.Kafka config, TelemetryIngest ingest, DeviceTenants tenants,
            MeterRegistry meters) {
        Optional<KafkaDownstream> producer = config.gatewayToKafka()
                ? Optional.of(KafkaDownstream.create(vertx, producerSettings(config)))
                : Optional.empty();
        Future<Optional<HonoCommands>> commands = config.commandsViaKafka()
                ? HonoCommands.start(vertx, config.bootstrapServers()).map(Optional::of)
                : Future.succeededFuture(Optional.empty());
        Future<Optional<KafkaIngest>> consumer = config.consume()
                ? KafkaIngest.start(vertx, ingest, tenants, new KafkaIngestSettings(config.bootstrapServers(),
                        config.groupId(), KafkaIngestSettings.HONO_TOPICS, config.maxPollRecords(),
                        config.retryMaxDelay(), config.sessionTimeout()), meters).map(Optional::of)
                : Future.succeededFuture(Optional.empty());
        return Future.all(commands, consumer).map(started -> new ScaleOut(vertx, config, producer, consumer.result(),
                commands.result(), ingest));
    }

    private static KafkaProducerSettings producerSettings(AnjuConfig.Kafka config) {
        return new KafkaProducerSettings(config.bootstrapServers(), "anju-gateway", config.linger(),
                config.deliveryTimeout());
    }

    /** Returns where the in-process gateway hands device messages. */
    Downstream gatewayDownstream() {
        return gatewayDownstream;
    }

    /** Returns how the API's commands reach devices: Hono's Kafka command API, or the in-process gateway. */
    CommandChannel commands(MqttGateway gateway) {
        return commandSender.<CommandChannel>map(sender -> sender).orElse(gateway::sendCommand);
    }

    /**
     * Starts reading Hono's command topics for the gateway's devices, when commands go through
     * Kafka and the gateway writes to Kafka; otherwise does nothing.
     */
    Future<Void> startCommandConsumer(MqttGateway gateway) {
        if (!config.commandsViaKafka() || !config.gatewayToKafka()) {
            return Future.succeededFuture();
        }
        return KafkaCommandConsumer.start(vertx, producerSettings(config), gateway, DeviceCommands.MAX_TIMEOUT)
                .onSuccess(started -> commandConsumer = started).mapEmpty();
    }

    /** Leaves the consumer group (before ingest stops); idempotent. */
    Future<Void> stopConsuming() {
        return consumer.map(KafkaIngest::stop).orElse(Future.succeededFuture());
    }

    /** Closes the gateway's producer and the command clients (after the gateway stopped); idempotent. */
    Future<Void> closeProducer() {
        return Future.join(producer.map(KafkaDownstream::close).orElse(Future.succeededFuture()),
                commandConsumer == null ? Future.succeededFuture() : commandConsumer.stop(),
                commandSender.map(HonoCommands::stop).orElse(Future.succeededFuture())).mapEmpty();
    }
}
