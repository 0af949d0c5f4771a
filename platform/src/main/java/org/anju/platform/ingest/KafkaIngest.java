package org.anju.platform.ingest;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.hono.application.client.kafka.impl.KafkaDownstreamMessage;
import org.eclipse.hono.client.kafka.HonoTopic;
import org.eclipse.hono.client.kafka.consumer.AsyncHandlingAutoCommitKafkaConsumer;
import org.eclipse.hono.util.QoS;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.error.ClientError;
import org.anju.protocol.DeviceMessage;
import org.anju.protocol.Endpoint;

/**
 * The platform as a Hono business application: one member of a Kafka consumer group that reads
 * Hono's telemetry and event topics of every tenant and stores each record through
 * {@link TelemetryIngest}, in the same batches and transactions as the in-process gateway's
 * messages.
 * <p>
 * Records are read with Eclipse Hono's own client: {@link AsyncHandlingAutoCommitKafkaConsumer}
 * commits a partition's offset only up to the last record whose handling future succeeded
 * without a gap, and each future here completes only when the record's batch has committed (or
 * the record was found stored already, {@link KafkaFence}), or when the record can never be
 * stored (an invalid payload; an unknown device or one of another tenant than the topic's,
 * {@link TenantCheck}: counted and skipped). A record the database
 * cannot take now is offered again after a growing wait; it is never skipped. Headers are read
 * through Hono's {@link KafkaDownstreamMessage}.
 */
public final class KafkaIngest {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaIngest.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(50);

    private final Vertx vertx;
    private final TelemetryIngest ingest;
    private final KafkaIngestSettings settings;
    private final AsyncHandlingAutoCommitKafkaConsumer<Buffer> consumer;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Counter stored;
    private final Counter skipped;
    private final Counter passedThrough;
    private final Counter retried;
    private final TenantCheck tenantCheck;

    // the consumer is created here but joins the group only in start(): KafkaIngestContextIT hands records to handle()
    KafkaIngest(Vertx vertx, TelemetryIngest ingest, DeviceTenants tenants, KafkaIngestSettings settings,
            MeterRegistry meters) {
        this.vertx = vertx;
        this.ingest = ingest;
        this.tenantCheck = new TenantCheck(tenants, meters);
        this.settings = settings;
        this.consumer = new AsyncHandlingAutoCommitKafkaConsumer<>(vertx, settings.topics(), this::handle,
                consumerConfig(settings));
        this.stored = records(meters, "stored", "Kafka records stored (or found stored already)");
        this.skipped = records(meters, "invalid", "Kafka records that can never be stored (invalid payload, unknown device)");
        this.passedThrough = records(meters, "passed_through", "Kafka records of content types the platform does not store");
        this.retried = records(meters, "retried", "Kafka records offered to the database again");
    }

    /**
     * Joins the consumer group.
     *
     * @param tenants the registry's tenant of each device: a record is stored only for a device of
     *                its topic's tenant
     * @return a future that succeeds once the consumer is subscribed; it fails when Kafka cannot be
     *         reached within Hono's consumer creation timeout
     */
    public static Future<KafkaIngest> start(Vertx vertx, TelemetryIngest ingest, DeviceTenants tenants,
            KafkaIngestSettings settings, MeterRegistry meters) {
        KafkaIngest kafka = new KafkaIngest(vertx, ingest, tenants, settings, meters);
        LOG.info("ingesting from Kafka [bootstrapServers: {}, group: {}, topics: {}]", settings.bootstrapServers(),
                settings.groupId(), settings.topics());
        return kafka.consumer.start().map(kafka);
    }

    /**
     * Leaves the group: records being stored finish within Hono's completion timeout and their
     * offsets are committed; those that do not are read again by the member that takes the
     * partition. Idempotent.
     */
    public Future<Void> stop() {
        if (!stopped.compareAndSet(false, true)) {
            return Future.succeededFuture();
        }
        return consumer.stop();
    }

    static Map<String, String> consumerConfig(KafkaIngestSettings settings) {
        Map<String, String> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        // a new group starts at the beginning: what Kafka holds was acknowledged to devices
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(settings.maxPollRecords()));
        // Hono's consumer commits what is stored this often (and at every rebalance and stop)
        config.put(ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG, "1000");
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Long.toString(settings.sessionTimeout().toMillis()));
        // Kafka's rule: heartbeats at most a third of the session timeout
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                Long.toString(Math.min(3000, settings.sessionTimeout().toMillis() / 3)));
        // a new tenant's topics are found within this time
        config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "30000");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, "io.vertx.kafka.client.serialization.BufferDeserializer");
        return config;
    }

    /**
     * Stores one record; the future completes on the caller's Vert.x context (Hono's consumer), when
     * the record is stored, found stored already, or can never be stored.
     */
    Future<Void> handle(KafkaConsumerRecord<String, Buffer> record) {
        DeviceMessage message;
        try {
            message = toDeviceMessage(new KafkaDownstreamMessage(record));
        } catch (ClientError | IllegalArgumentException | NullPointerException e) {
            skipped.increment();
            LOG.info("Kafka record skipped [topic: {}, partition: {}, offset: {}]: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return Future.succeededFuture();
        }
        if (!message.hasDevicePayload() && !message.isConnectionNotification()) {
            passedThrough.increment(); // for other Hono applications on the topic
            return Future.succeededFuture();
        }
        // Hono's consumer keeps its pause/resume state unsynchronised on its context: a record's
        // completion must reach it there, not on the ingest writer's thread (a completion from that
        // thread raced its pause and killed the writer with an overflow in Hono's resume log line)
        Context context = vertx.getOrCreateContext();
        Promise<Void> done = Promise.promise();
        store(message, new KafkaPosition(record.topic(), record.partition(), record.offset()), FIRST_RETRY)
                .onComplete(result -> context.runOnContext(v -> done.handle(result)));
        return done.future();
    }

    private Future<Void> store(DeviceMessage message, KafkaPosition position, Duration nextWait) {
        return tenantCheck.admits(message).compose(admitted -> admitted
                ? ingest.send(message, position).onSuccess(v -> stored.increment())
                : Future.<Void>succeededFuture()).recover(cause -> {
            if (cause instanceof ClientError) {
                skipped.increment();
                LOG.debug("Kafka record not storable [{}]: {}", position, cause.getMessage());
                return Future.succeededFuture();
            }
            if (stopped.get()) {
                // never completed: its offset is not committed, the next owner of the partition reads it again
                return Promise.<Void>promise().future();
            }
            retried.increment();
            Promise<Void> again = Promise.promise();
            vertx.setTimer(nextWait.toMillis(), id -> store(message, position,
                    min(nextWait.multipliedBy(2), settings.retryMaxDelay())).onComplete(again));
            return again.future();
        });
    }

    /** Reads a Hono record as the message the gateway would have handed over. */
    private static DeviceMessage toDeviceMessage(KafkaDownstreamMessage record) {
        HonoTopic topic = HonoTopic.fromString(record.getMessageContext().getRecord().topic());
        if (topic == null) {
            throw ClientError.badRequest("not a Hono topic");
        }
        Endpoint endpoint = topic.getType() == HonoTopic.Type.EVENT ? Endpoint.EVENT : Endpoint.TELEMETRY;
        String deviceId = record.getDeviceId();
        if (deviceId == null) {
            throw ClientError.badRequest("record names no device (header device_id)");
        }
        int qos = record.getQos() == QoS.AT_MOST_ONCE ? 0 : 1;
        String contentType = record.getContentType() == null ? DeviceMessage.OCTET_STREAM : record.getContentType();
        return new DeviceMessage(record.getTenantId(), deviceId, endpoint, qos, record.getPayload().getBytes(),
                record.getCreationTime(), contentType);
    }

    static Counter records(MeterRegistry meters, String outcome, String description) {
        return Counter.builder("anju.kafka.records").tag("outcome", outcome).description(description).register(meters);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
