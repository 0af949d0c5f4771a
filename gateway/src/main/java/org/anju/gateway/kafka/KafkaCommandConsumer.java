package org.anju.gateway.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.producer.KafkaHeader;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.hono.client.kafka.HonoTopic;
import org.eclipse.hono.client.kafka.KafkaRecordHelper;
import org.eclipse.hono.client.kafka.consumer.HonoKafkaConsumer;
import org.eclipse.hono.util.MessageHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.error.AnjuException;
import org.anju.error.ServerError;
import org.anju.gateway.CommandRequest;
import org.anju.gateway.CommandResponse;
import org.anju.gateway.MqttGateway;
import org.anju.log.LogSafe;

/**
 * The gateway's side of Eclipse Hono's Kafka command API: reads the commands business applications
 * write to {@code hono.command.<tenant>} (headers {@code device_id}, {@code subject},
 * {@code correlation-id}, {@code response-required}, {@code content-type}, as Hono's
 * {@code KafkaBasedCommandSender} writes them), delivers each to its device if the device (or a
 * gateway acting for it) is connected to this gateway, and writes the device's answer to
 * {@code hono.command_response.<tenant>} (key = device id, headers {@code correlation-id},
 * {@code tenant_id}, {@code device_id}, {@code status}, {@code content-type}) for the sender to
 * correlate.
 * <p>
 * Every gateway instance reads every command (a consumer group of its own): the topics that exist
 * when it starts from their end (a command sent before is for a connection it never had), a topic
 * created later (a new tenant's) from its start, see {@link NewTopicsFromTheStart}. A command whose
 * device is connected elsewhere is left to that instance, so this one answers nothing; the sender's
 * own timeout covers a device connected nowhere.
 */
public final class KafkaCommandConsumer {

    /** Every tenant's command topic, and not the response topics ({@code hono.command_response.*}). */
    public static final Pattern COMMAND_TOPICS = Pattern.compile("hono\\.command\\..+");
    private static final Logger LOG = LoggerFactory.getLogger(KafkaCommandConsumer.class);

    private final MqttGateway gateway;
    private final KafkaProducer<String, Buffer> producer;
    private final Duration responseTimeout;
    private final HonoKafkaConsumer<Buffer> consumer;

    private KafkaCommandConsumer(Vertx vertx, KafkaProducerSettings settings, MqttGateway gateway,
            Duration responseTimeout) {
        this.gateway = gateway;
        this.responseTimeout = responseTimeout;
        this.producer = KafkaProducer.create(vertx, KafkaDownstream.producerConfig(settings), String.class, Buffer.class);
        this.consumer = new NewTopicsFromTheStart(vertx, this::handle, consumerConfig(settings));
    }

    /**
     * Starts reading commands for the gateway's devices.
     *
     * @param settings        where Kafka is (the producer of the responses is configured as the
     *                        gateway's own: all replicas, idempotent)
     * @param responseTimeout how long a device may take to answer a request/response command
     * @return a future that succeeds once the consumer is subscribed and has its first partitions (a
     *         command sent from then on is read)
     */
    public static Future<KafkaCommandConsumer> start(Vertx vertx, KafkaProducerSettings settings, MqttGateway gateway,
            Duration responseTimeout) {
        KafkaCommandConsumer commands = new KafkaCommandConsumer(vertx, settings, gateway, responseTimeout);
        LOG.info("commands come from Kafka [bootstrapServers: {}, topics: {}]", settings.bootstrapServers(),
                COMMAND_TOPICS);
        // Hono's start() returns at once: the consumer is ready (subscribed, first partitions assigned) later
        Promise<Void> ready = Promise.promise();
        commands.consumer.addOnKafkaConsumerReadyHandler(ready);
        return commands.consumer.start().compose(v -> ready.future())
                .onSuccess(v -> gateway.onCommandSubscription(commands::readTenant)).map(commands);
    }

    /**
     * Makes sure the tenant's command topic is among those read, as Hono's command router does when
     * a device subscribes ({@code ensureTopicIsAmongSubscribedTopicPatternTopics}): a topic the
     * consumer does not know yet is looked up at once (and created where the broker creates topics)
     * rather than at the next metadata refresh, and then read from its start.
     */
    private void readTenant(String tenantId) {
        String topic = new HonoTopic(HonoTopic.Type.COMMAND, tenantId).toString();
        if (!consumer.isAmongKnownSubscribedTopics(topic)) {
            consumer.ensureTopicIsAmongSubscribedTopicPatternTopics(topic).onFailure(cause -> LOG.info(
                    "command topic {} not read yet: {} (it is read once it exists)", topic, cause.getMessage()));
        }
    }

    /** Stops reading commands and closes the response producer; idempotent. */
    public Future<Void> stop() {
        gateway.onCommandSubscription(tenantId -> { });
        return Future.join(consumer.stop(), producer.close()).mapEmpty();
    }

    private static Map<String, String> consumerConfig(KafkaProducerSettings settings) {
        Map<String, String> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        // each instance reads every command: a group of its own
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.clientId() + "-commands-" + UUID.randomUUID());
        // a command sent before this gateway started is for a connection it never had (new topics: see below)
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        // a new tenant's command topic is found within this time
        config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "30000");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, "io.vertx.kafka.client.serialization.BufferDeserializer");
        return config;
    }

    private void handle(KafkaConsumerRecord<String, Buffer> record) {
        HonoTopic topic = HonoTopic.fromString(record.topic());
        Optional<String> deviceId = KafkaRecordHelper.getDeviceId(record.headers());
        Optional<String> name = KafkaRecordHelper.getSubject(record.headers());
        if (topic == null || deviceId.isEmpty() || name.isEmpty()) {
            LOG.info("Kafka command ignored [topic: {}, offset: {}]: no device_id or subject header",
                    LogSafe.text(record.topic()), record.offset());
            return;
        }
        boolean responseRequired = KafkaRecordHelper.isResponseRequired(record.headers());
        Optional<String> correlationId = KafkaRecordHelper.getCorrelationId(record.headers());
        String tenantId = topic.getTenantId();
        byte[] payload = record.value() == null ? new byte[0] : record.value().getBytes();
        CommandRequest request = new CommandRequest(tenantId, deviceId.get(), name.get(), payload, !responseRequired,
                responseTimeout);
        // the device's PUBACK of its answer waits for Kafka, as in Hono's adapter; a failure is reported to the device
        Function<CommandResponse, Future<Void>> forward = !responseRequired || correlationId.isEmpty()
                ? response -> Future.succeededFuture()
                : response -> respond(tenantId, deviceId.get(), correlationId.get(), response);
        gateway.sendCommand(request, forward).onFailure(cause -> {
            if (responseRequired && !notConnectedHere(cause)) {
                LOG.debug("command {} for {} not answered: {}", name.get(), deviceId.get(), cause.getMessage());
            }
        });
    }

    /** A 503 from the gateway: neither the device nor one of its gateways is connected to this instance. */
    private static boolean notConnectedHere(Throwable cause) {
        return cause instanceof AnjuException error && error.code() == ServerError.UNAVAILABLE;
    }

    private Future<Void> respond(String tenantId, String deviceId, String correlationId, CommandResponse response) {
        KafkaProducerRecord<String, Buffer> record = KafkaProducerRecord.create(
                new HonoTopic(HonoTopic.Type.COMMAND_RESPONSE, tenantId).toString(), deviceId,
                Buffer.buffer(response.payload()));
        record.addHeader(KafkaRecordHelper.createCorrelationIdHeader(correlationId));
        record.addHeader(KafkaRecordHelper.createTenantIdHeader(tenantId));
        record.addHeader(KafkaRecordHelper.createDeviceIdHeader(deviceId));
        record.addHeader(KafkaRecordHelper.createKafkaHeader(MessageHelper.APP_PROPERTY_STATUS, response.status()));
        if (response.payload().length > 0) {
            // the device API's payloads are JSON
            KafkaHeader type = KafkaRecordHelper.createKafkaHeader(MessageHelper.SYS_PROPERTY_CONTENT_TYPE,
                    "application/json");
            record.addHeader(type);
        }
        return producer.send(record).<Void>mapEmpty().onFailure(cause -> LOG.warn("response of device {} to command"
                + " [correlation-id: {}] not written to Kafka: {}", deviceId, LogSafe.text(correlationId),
                cause.getMessage()));
    }

    /**
     * Hono's consumer of {@code hono.command.*}, reading a partition first assigned after the
     * initial assignment from its beginning: its topic (a new tenant's) was created after this
     * consumer subscribed, so everything in it was sent since, and the latest offset would skip the
     * commands sent before the consumer noticed the topic (within its metadata refresh). The
     * partitions of the initial assignment stay at their end, so no older command is replayed.
     * Hono's command router gets the same with {@code earliest} and a group that keeps its offsets.
     */
    static final class NewTopicsFromTheStart extends HonoKafkaConsumer<Buffer> {

        /** Every partition ever assigned; touched on Kafka's polling thread only. */
        private final Set<TopicPartition> seen = new HashSet<>();
        private boolean initialAssignmentDone;

        NewTopicsFromTheStart(Vertx vertx, Handler<KafkaConsumerRecord<String, Buffer>> handler,
                Map<String, String> config) {
            super(vertx, COMMAND_TOPICS, handler, config);
        }

        @Override
        protected void onPartitionsAssignedBlocking(Set<io.vertx.kafka.client.common.TopicPartition> partitions) {
            List<TopicPartition> created = new ArrayList<>();
            for (io.vertx.kafka.client.common.TopicPartition assigned : partitions) {
                TopicPartition partition = new TopicPartition(assigned.getTopic(), assigned.getPartition());
                // a rebalance assigns the known partitions again: they keep their position
                if (seen.add(partition) && initialAssignmentDone) {
                    created.add(partition);
                }
            }
            initialAssignmentDone = true;
            if (!created.isEmpty()) {
                LOG.info("new command topic partitions {} are read from their start", created);
                getUnderlyingConsumer().seekToBeginning(created);
            }
        }
    }
}
