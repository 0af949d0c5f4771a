package org.anju.gateway.impl;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.mqtt.messages.MqttPublishMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.error.ClientError;
import org.anju.gateway.DeviceIdentity;
import org.anju.gateway.TenantLimits;
import org.anju.log.LogSafe;
import org.anju.protocol.DeviceMessage;
import org.anju.protocol.Endpoint;
import org.anju.protocol.HonoTopic;
import org.anju.protocol.OnError;

/**
 * What happens to one connection's telemetry and events: limits, topic and QoS rules,
 * authorization, then the downstream, whose outcome becomes the (ordered) PUBACK.
 * Used on the connection's context only.
 */
final class PublishPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(PublishPipeline.class);
    private static final long LOG_INTERVAL_S = 5;
    /** Shared by every connection: a flood is a flood whichever devices it comes from. */
    private static final LogLimiter LOG_LIMITER = new LogLimiter(LOG_INTERVAL_S, TimeUnit.SECONDS, System::nanoTime);

    private final GatewayContext gateway;
    private final Context context;
    private final DeviceIdentity device;
    private final TenantLimits limits;
    private final GatewayMetrics.TenantMeters meters;
    private final FlowControl flow;
    private final OrderedAcks acks;
    private final FailedMessages failures;
    private final Map<String, TokenBucket> rates = new HashMap<>();
    /** A gateway's registry answers for the devices it publishes for, remembered until {@code due} (nanoTime). */
    private record ViaAnswer(boolean allowed, long due) {
    }

    private final Map<String, ViaAnswer> authorizedVia = new HashMap<>();

    PublishPipeline(GatewayContext gateway, Context context, DeviceIdentity device, TenantLimits limits,
            GatewayMetrics.TenantMeters meters, FlowControl flow, OrderedAcks acks, FailedMessages failures) {
        this.gateway = gateway;
        this.context = context;
        this.device = device;
        this.limits = limits;
        this.meters = meters;
        this.flow = flow;
        this.acks = acks;
        this.failures = failures;
    }

    /**
     * Handles one telemetry or event message. A refused one is answered by {@link FailedMessages}:
     * on the error topic if the device subscribed to it, then as the topic's {@code on-error} says
     * (unset: the session ends for MQTT 5 reasons without a PUBACK code and any refusal under MQTT
     * 3.1.1, unless the error was reported).
     */
    void handle(MqttPublishMessage message) {
        long receivedNanos = System.nanoTime();
        OnError onError;
        try {
            onError = OnError.ofTopic(message.topicName());
        } catch (ClientError e) {
            refuse(message, new Rejection(Refusal.TOPIC_INVALID, e.getMessage()), device.deviceId(), OnError.DEFAULT);
            return;
        }
        Rejection early = checkPacket(message);
        if (early != null) {
            refuse(message, early, device.deviceId(), onError);
            return;
        }
        HonoTopic topic;
        String contentType;
        OptionalInt ttd;
        try {
            topic = HonoTopic.parsePublish(message.topicName());
            contentType = contentType(message);
            ttd = HonoTopic.propertyBagTtd(message.topicName());
        } catch (ClientError e) {
            refuse(message, new Rejection(Refusal.TOPIC_INVALID, e.getMessage()), device.deviceId(), onError);
            return;
        }
        String target = topic.deviceId().orElse(device.deviceId());
        Rejection refusal = checkQos(topic, message.qosLevel());
        if (refusal == null && topic.tenantId().filter(t -> !t.equals(device.tenantId())).isPresent()) {
            refusal = new Rejection(Refusal.NOT_AUTHORIZED, device + " may not publish for tenant " + topic.tenantId().get());
        }
        if (refusal == null && !rateFor(target).tryTake(receivedNanos)) {
            refusal = new Rejection(Refusal.RATE_TOO_HIGH, "device " + target + " exceeds "
                    + limits.messagesPerSecond() + " messages/s (burst " + limits.messageBurst() + ")");
        }
        if (refusal != null) {
            refuse(message, refusal, target, onError);
            return;
        }
        meters.received(topic.endpoint() == Endpoint.EVENT, message.qosLevel().value());
        DeviceMessage deviceMessage = new DeviceMessage(device.tenantId(), target, topic.endpoint(),
                message.qosLevel().value(), message.payload().getBytes(), Instant.now(), contentType, ttd);
        flow.started();
        OrderedAcks.Pending ack = message.qosLevel() == MqttQoS.AT_LEAST_ONCE
                ? acks.add(message.messageId(), receivedNanos) : null;
        Future<Void> stored = target.equals(device.deviceId()) ? gateway.downstream().send(deviceMessage)
                : authorize(target).compose(allowed -> allowed ? gateway.downstream().send(deviceMessage)
                        : Future.failedFuture(ClientError.forbidden(device + " is not registered as a gateway of " + target)));
        FailedMessages.Failed origin = new FailedMessages.Failed(target, message.topicName(), message.qosLevel(),
                ack == null ? -1 : message.messageId(), onError);
        // the downstream may complete on its own thread: the outcome is handled back on the connection's context
        stored.onComplete(result -> {
            if (Vertx.currentContext() == context) {
                finish(result, ack, receivedNanos, origin);
            } else {
                context.runOnContext(v -> finish(result, ack, receivedNanos, origin));
            }
        });
    }

    private void finish(AsyncResult<Void> result, OrderedAcks.Pending ack, long receivedNanos,
            FailedMessages.Failed origin) {
        flow.ended();
        outcome(result.failed() ? result.cause() : null, receivedNanos);
        if (result.failed()) {
            failures.notTaken(origin, ack, result.cause());
        } else if (ack != null) {
            acks.complete(ack, result);
        }
    }

    /** A message refused before it reached the downstream; its refusal decides the PUBACK. */
    static final class RefusedMessage extends RuntimeException {
        final Refusal refusal;

        RefusedMessage(Refusal refusal) {
            this(refusal, refusal.label());
        }

        RefusedMessage(Refusal refusal, String reason) {
            super(reason, null, false, false);
            this.refusal = refusal;
        }
    }

    /**
     * The payload's content type as Hono's MQTT adapter takes it: the MQTT 5 {@code content-type}
     * property, else the topic's property bag, else JSON (what the device API defines).
     */
    private static String contentType(MqttPublishMessage message) {
        MqttProperties.MqttProperty<?> property = message.properties() == null ? null
                : message.properties().getProperty(MqttProperties.MqttPropertyType.CONTENT_TYPE.value());
        if (property != null && property.value() instanceof String type && !type.isBlank()) {
            return type;
        }
        return HonoTopic.propertyBagContentType(message.topicName()).orElse(DeviceMessage.JSON);
    }

    private Rejection checkPacket(MqttPublishMessage message) {
        if (message.topicName().length() > limits.maxTopicLength()) {
            return new Rejection(Refusal.TOPIC_INVALID, "topic longer than " + limits.maxTopicLength() + " characters");
        }
        int size = message.payload().length();
        if (size > limits.maxPayloadBytes()) {
            return new Rejection(Refusal.PAYLOAD_TOO_LARGE,
                    "payload of " + size + " bytes exceeds the tenant's " + limits.maxPayloadBytes());
        }
        return null;
    }

    private static Rejection checkQos(HonoTopic topic, MqttQoS qos) {
        if (qos == MqttQoS.EXACTLY_ONCE) {
            return new Rejection(Refusal.QOS_NOT_SUPPORTED, "QoS 2 is not supported: use QoS 0 or 1");
        }
        if (topic.endpoint() == Endpoint.EVENT && qos != MqttQoS.AT_LEAST_ONCE) {
            return new Rejection(Refusal.QOS_NOT_SUPPORTED, "events must be published with QoS 1");
        }
        return null;
    }

    private Future<Boolean> authorize(String target) {
        if (target.equals(device.deviceId())) {
            return Future.succeededFuture(true);
        }
        long now = System.nanoTime();
        ViaAnswer known = authorizedVia.get(target);
        if (known != null && now - known.due() < 0) {
            return Future.succeededFuture(known.allowed());
        }
        // asked again each revalidation interval, as the connection's own credentials are: a device
        // disabled (or a via revoked) meanwhile stops being published for by a connected gateway
        long due = now + gateway.options().revalidateInterval().toNanos();
        return gateway.registry().mayActFor(device, target)
                .onSuccess(allowed -> authorizedVia.put(target, new ViaAnswer(allowed, due)));
    }

    private TokenBucket rateFor(String target) {
        return rates.computeIfAbsent(target, t -> new TokenBucket(limits.messagesPerSecond(), limits.messageBurst(),
                System.nanoTime()));
    }

    private void outcome(Throwable failure, long receivedNanos) {
        if (failure == null) {
            meters.acknowledged(Duration.ofNanos(System.nanoTime() - receivedNanos));
            return;
        }
        Refusal refusal = Refusal.ofDownstreamFailure(failure);
        meters.rejected(refusal);
        log(refusal, failure.getMessage());
    }

    private void refuse(MqttPublishMessage message, Rejection rejection, String target, OnError onError) {
        meters.rejected(rejection.refusal());
        log(rejection.refusal(), rejection.message());
        failures.refused(new FailedMessages.Failed(target, message.topicName(), message.qosLevel(),
                message.qosLevel() == MqttQoS.AT_LEAST_ONCE ? message.messageId() : -1, onError), rejection);
    }

    private void log(Refusal refusal, String detail) {
        long suppressed = LOG_LIMITER.admit(refusal.label());
        if (suppressed < 0) {
            return;
        }
        String more = suppressed == 0 ? "" : " (and " + suppressed + " more like it in the last " + LOG_INTERVAL_S + " s)";
        if (refusal == Refusal.DOWNSTREAM_FAILED) {
            LOG.warn("{} message not stored: {}{}", device, detail, more);
        } else {
            // a device's mistake: worth a line for its developer, never a stack trace; its topic is its own text
            LOG.info("{} message refused ({}): {}{}", device, refusal.label(), LogSafe.text(detail), more);
        }
    }
}
