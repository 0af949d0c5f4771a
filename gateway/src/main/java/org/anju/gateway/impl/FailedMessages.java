package org.anju.gateway.impl;

import java.util.function.Consumer;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;

import org.anju.error.AnjuException;
import org.anju.protocol.OnError;

/**
 * What becomes of a message the gateway did not take (telemetry, event or command response), as
 * Hono's MQTT adapter decides it: the error goes to the device's error topic if it subscribed to
 * one ({@link ErrorReports}), then the topic's {@code on-error} (or, unset, whether it was
 * reported) says whether the session ends, the message is acknowledged, or its PUBACK skipped.
 * Used on the connection's context only.
 */
final class FailedMessages {

    /**
     * A message not taken.
     *
     * @param target   the device it was about
     * @param packetId its packet id (QoS 1), else -1
     */
    record Failed(String target, String topic, MqttQoS qos, int packetId, OnError onError) {

        boolean atLeastOnce() {
            return qos == MqttQoS.AT_LEAST_ONCE;
        }
    }

    private final OrderedAcks acks;
    private final ErrorReports errors;
    private final boolean mqtt5;
    private final Consumer<Rejection> end;

    FailedMessages(OrderedAcks acks, ErrorReports errors, boolean mqtt5, Consumer<Rejection> end) {
        this.acks = acks;
        this.errors = errors;
        this.mqtt5 = mqtt5;
        this.end = end;
    }

    /**
     * Answers a message refused before anything took it (its PUBACK is not queued yet).
     *
     * @param rejection why, with the sentence for the device
     */
    void refused(Failed message, Rejection rejection) {
        PublishPipeline.RefusedMessage cause = new PublishPipeline.RefusedMessage(rejection.refusal(), rejection.message());
        OnError mode = mode(message, cause);
        if (mode == OnError.DEFAULT) {
            // the gateway's own default: MQTT 5 says it in the PUBACK where a code exists, else the session ends
            if (message.atLeastOnce() && mqtt5 && rejection.refusal().pubAck().isPresent()) {
                acks.add(message.packetId(), Future.failedFuture(cause));
            } else {
                end.accept(rejection);
            }
            return;
        }
        answer(message, mode, rejection, cause, null);
    }

    /**
     * Answers a message the downstream (or, for a command response, its receiver) did not take.
     *
     * @param ack its queued PUBACK, null at QoS 0
     */
    void notTaken(Failed message, OrderedAcks.Pending ack, Throwable cause) {
        OnError mode = mode(message, cause);
        if (mode == OnError.DEFAULT) {
            // the gateway's own default: MQTT 5 says it in the PUBACK, MQTT 3.1.1 closes the connection
            if (ack != null) {
                acks.complete(ack, Future.failedFuture(cause));
            }
            return;
        }
        answer(message, mode, rejectionOf(cause), cause, ack);
    }

    /** Reports the error where subscribed and returns the mode in effect (QoS 2 always ends the session). */
    private OnError mode(Failed message, Throwable cause) {
        if (message.qos() == MqttQoS.EXACTLY_ONCE) {
            return OnError.DISCONNECT;
        }
        boolean reported = errors.report(message.target(), message.topic(),
                message.atLeastOnce() ? message.packetId() : -1, cause);
        return message.onError().effective(reported);
    }

    private void answer(Failed message, OnError mode, Rejection rejection, Throwable cause, OrderedAcks.Pending ack) {
        if (mode == OnError.DISCONNECT) {
            errors.lastSent().onComplete(sent -> end.accept(rejection));
        } else if (!message.atLeastOnce()) {
            return; // QoS 0: nothing to acknowledge, the session stays
        } else if (mode == OnError.SKIP_ACK) {
            if (ack == null) {
                acks.skip(message.packetId());
            } else {
                acks.skip(ack);
            }
        } else {
            // ignore: MQTT 3.1.1 has no negative PUBACK, so as Hono's adapter a plain one; MQTT 5 says why
            Future<Void> outcome = mqtt5 ? Future.failedFuture(cause) : Future.succeededFuture();
            if (ack == null) {
                acks.add(message.packetId(), outcome);
            } else {
                acks.complete(ack, outcome);
            }
        }
    }

    /** The rejection that ends a session over a failure: the device's own mistake is described, ours is not. */
    static Rejection rejectionOf(Throwable cause) {
        if (cause instanceof PublishPipeline.RefusedMessage refused) {
            return new Rejection(refused.refusal, refused.getMessage());
        }
        Refusal refusal = Refusal.ofDownstreamFailure(cause);
        boolean clientError = cause instanceof AnjuException error && error.code() < 500;
        return new Rejection(refusal, clientError ? cause.getMessage() : "not stored, try again later");
    }
}
