package org.anju.gateway.impl;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttTopicSubscription;
import io.vertx.mqtt.messages.codes.MqttSubAckReasonCode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.error.AnjuException;
import org.anju.error.ClientError;
import org.anju.gateway.DeviceIdentity;
import org.anju.log.LogSafe;
import org.anju.protocol.ErrorTopic;
import org.anju.protocol.HonoTopic;

/**
 * The error subscriptions of one connection ({@code error///#}, Hono's "error reporting via error
 * topic"): a message the gateway could not take is reported to the device on its error topic with
 * Hono's JSON payload ({@code code}, {@code message}, {@code timestamp}, {@code correlation-id}),
 * and the connection stays open. Used on the connection's context only.
 */
final class ErrorReports {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorReports.class);
    private static final String CORRELATION_ID = "correlation-id";

    private final GatewayContext gateway;
    private final MqttEndpoint endpoint;
    private final DeviceIdentity device;
    private final boolean mqtt5;
    private final List<ErrorTopic.Subscription> subscriptions = new ArrayList<>();
    private Future<Void> lastSent = Future.succeededFuture();

    ErrorReports(GatewayContext gateway, MqttEndpoint endpoint, DeviceIdentity device, boolean mqtt5) {
        this.gateway = gateway;
        this.endpoint = endpoint;
        this.device = device;
        this.mqtt5 = mqtt5;
    }

    /**
     * Decides a SUBSCRIBE filter in the error namespace: granted at QoS 0 for the device's own
     * errors, a gateway's for all its devices ({@code +}) or for a device it acts for; refused for a
     * filter Hono does not define, a QoS other than 0, another tenant or another device.
     */
    Future<MqttSubAckReasonCode> subscribe(MqttTopicSubscription filter) {
        Optional<ErrorTopic.Subscription> parsed = ErrorTopic.parseSubscription(filter.topicName());
        if (parsed.isEmpty() || filter.qualityOfService() != MqttQoS.AT_MOST_ONCE) {
            LOG.info("{} error subscription refused: '{}' at QoS {} (use error///# at QoS 0)", device,
                    LogSafe.text(filter.topicName()), filter.qualityOfService().value());
            return Future.succeededFuture(parsed.isEmpty() && mqtt5 ? MqttSubAckReasonCode.TOPIC_FILTER_INVALID
                    : MqttSubAckReasonCode.UNSPECIFIED_ERROR);
        }
        ErrorTopic.Subscription sub = parsed.get();
        Future<Boolean> allowed = !sub.tenant().isEmpty() && !sub.tenant().equals(device.tenantId())
                ? Future.succeededFuture(false)
                : sub.forItself() || sub.forAllItsDevices() || sub.deviceId().equals(device.deviceId())
                        ? Future.succeededFuture(true) : gateway.registry().mayActFor(device, sub.deviceId());
        return allowed.map(yes -> {
            if (!yes) {
                LOG.info("{} error subscription refused: '{}' names another tenant or a device it does not act for",
                        device, LogSafe.text(filter.topicName()));
                return mqtt5 ? MqttSubAckReasonCode.NOT_AUTHORIZED : MqttSubAckReasonCode.UNSPECIFIED_ERROR;
            }
            subscriptions.removeIf(sub::equals);
            subscriptions.add(sub);
            return MqttSubAckReasonCode.GRANTED_QOS0;
        }).otherwise(MqttSubAckReasonCode.UNSPECIFIED_ERROR);
    }

    /** Removes an error subscription; returns whether the filter was one. */
    boolean unsubscribe(String filter) {
        return ErrorTopic.parseSubscription(filter).map(subscriptions::remove).orElse(false);
    }

    /** Returns whether an error subscription covers the device's errors. */
    boolean covers(String target) {
        return find(target).isPresent();
    }

    /**
     * Reports a message the gateway did not take, if an error subscription covers its device.
     *
     * @param target    the device the message was about
     * @param topic     the topic it was published to
     * @param packetId  its packet id (QoS 1), else -1
     * @param failure   why it was not taken
     * @return whether it was reported (the device then keeps its connection)
     */
    boolean report(String target, String topic, int packetId, Throwable failure) {
        Optional<ErrorTopic.Subscription> sub = find(target);
        if (sub.isEmpty() || !endpoint.isConnected()) {
            return false;
        }
        int status = status(failure);
        String correlationId = correlationId(topic, packetId);
        // a device's own mistake is described; ours only says to try again, as in the PUBACK's reason string
        String message = status < 500 ? failure.getMessage() : "not stored, try again later";
        JsonObject payload = new JsonObject().put("code", status).put("message", message)
                .put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString())
                .put(CORRELATION_ID, correlationId);
        String errorTopic = sub.get().publishTopic(device.tenantId(), target, device.deviceId(), topic, correlationId,
                status);
        lastSent = endpoint.publish(errorTopic, payload.toBuffer(), MqttQoS.AT_MOST_ONCE, false, false)
                .onFailure(cause -> LOG.debug("{} error report not sent: {}", device, cause.getMessage()))
                .<Void>mapEmpty().otherwiseEmpty();
        return true;
    }

    /** Completes once the last error report is written: a session that ends after one ends after it, as in Hono. */
    Future<Void> lastSent() {
        return lastSent;
    }

    private Optional<ErrorTopic.Subscription> find(String target) {
        ErrorTopic.Subscription own = null;
        ErrorTopic.Subscription all = null;
        for (ErrorTopic.Subscription s : subscriptions) {
            if (s.deviceId().equals(target)) {
                return Optional.of(s);
            }
            own = s.forItself() ? s : own;
            all = s.forAllItsDevices() ? s : all;
        }
        // Hono's order: the device's own subscription, then (for a gateway) its subscription of all its devices
        if (own != null && (target.equals(device.deviceId()) || all == null)) {
            return Optional.of(own);
        }
        return Optional.ofNullable(target.equals(device.deviceId()) ? null : all);
    }

    /** The HTTP status Hono reports: the error's own for ours, by the refusal for the gateway's rules. */
    private static int status(Throwable failure) {
        if (failure instanceof PublishPipeline.RefusedMessage refused) {
            return refused.refusal.httpStatus();
        }
        if (failure instanceof AnjuException error && error.code() >= ClientError.BAD_REQUEST && error.code() < 600) {
            return error.code();
        }
        return Refusal.DOWNSTREAM_FAILED.httpStatus();
    }

    private static String correlationId(String topic, int packetId) {
        try {
            Optional<String> bag = HonoTopic.propertyBagValue(topic, CORRELATION_ID);
            if (bag.isPresent()) {
                return bag.get();
            }
        } catch (ClientError badEncoding) {
            // a bag that is not URL-encoded names no correlation id: the packet id stands in
        }
        return packetId > 0 ? Integer.toString(packetId) : "-1";
    }
}
