package org.anju.gateway.impl;

import java.util.ArrayDeque;
import java.util.Deque;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;

import org.anju.error.ClientError;
import org.anju.error.ServerError;

/**
 * Sends PUBACKs in the order the QoS 1 messages arrived (MQTT-4.6.0-2), each only after its
 * message's outcome is known, or once it has waited longer than the acknowledgement timeout.
 * <p>
 * A failed outcome becomes a PUBACK reason code under MQTT 5; MQTT 3.1.1 has no negative PUBACK,
 * so the connection is closed without acknowledging and the device sends the message again.
 * The timeout is one timer per connection, armed while something waits, not one per message.
 * Used on the connection's context only.
 */
final class OrderedAcks {

    /** One QoS 1 message waiting for its PUBACK. */
    static final class Pending {
        private final int messageId;
        private final long startedNanos;
        private AsyncResult<Void> result;
        private boolean skipped;

        private Pending(int messageId, long startedNanos) {
            this.messageId = messageId;
            this.startedNanos = startedNanos;
        }
    }

    private static final int MAX_REASON_LENGTH = 512;

    private final Vertx vertx;
    private final Context context;
    private final MqttEndpoint endpoint;
    private final boolean mqtt5;
    private final Runnable failConnection;
    private final long timeoutNanos;
    private final Deque<Pending> pending = new ArrayDeque<>();
    private long timer = -1;
    private boolean closed;

    OrderedAcks(Vertx vertx, Context context, MqttEndpoint endpoint, boolean mqtt5, Runnable failConnection,
            long timeoutNanos) {
        this.vertx = vertx;
        this.context = context;
        this.endpoint = endpoint;
        this.mqtt5 = mqtt5;
        this.failConnection = failConnection;
        this.timeoutNanos = timeoutNanos;
    }

    /** Queues the acknowledgement of a message; {@link #complete} it when its outcome is known. */
    Pending add(int messageId, long startedNanos) {
        Pending entry = new Pending(messageId, startedNanos);
        pending.addLast(entry);
        if (timer < 0) {
            arm(timeoutNanos);
        }
        return entry;
    }

    /** Queues a message whose outcome a future gives, completing on any thread. */
    void add(int messageId, Future<Void> outcome) {
        Pending entry = add(messageId, System.nanoTime());
        outcome.onComplete(result -> {
            if (Vertx.currentContext() == context) {
                complete(entry, result);
            } else {
                context.runOnContext(v -> complete(entry, result));
            }
        });
    }

    /** Records a message's outcome (ignored when it already timed out) and sends what can be sent. */
    void complete(Pending entry, AsyncResult<Void> result) {
        if (entry.result == null) {
            entry.result = result;
        }
        if (!closed) {
            drain();
        }
    }

    /**
     * Lets the message's turn pass without a PUBACK (Hono's {@code on-error=skip-ack}): the messages
     * after it are acknowledged as they complete, and the device never gets this one's.
     */
    void skip(Pending entry) {
        entry.skipped = true;
        complete(entry, Future.succeededFuture());
    }

    /** Queues a message that gets no PUBACK, in its turn. */
    void skip(int messageId) {
        skip(add(messageId, System.nanoTime()));
    }

    /** Forgets every pending acknowledgement: the connection is gone. */
    void close() {
        closed = true;
        pending.clear();
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void arm(long delayNanos) {
        timer = vertx.setTimer(Math.max(1, delayNanos / 1_000_000), id -> expire());
    }

    private void expire() {
        timer = -1;
        if (closed) {
            return;
        }
        long now = System.nanoTime();
        for (Pending entry : pending) {
            if (entry.result == null && now - entry.startedNanos >= timeoutNanos) {
                entry.result = Future.failedFuture(ServerError.timeout("not stored within "
                        + timeoutNanos / 1_000_000 + " ms"));
            }
        }
        drain();
        if (!closed && !pending.isEmpty()) {
            arm(pending.peekFirst().startedNanos + timeoutNanos - now);
        }
    }

    private void drain() {
        while (!pending.isEmpty() && pending.peekFirst().result != null) {
            Pending head = pending.removeFirst();
            if (head.skipped) {
                continue;
            }
            if (head.result.succeeded()) {
                endpoint.publishAcknowledge(head.messageId);
            } else if (mqtt5) {
                endpoint.publishAcknowledge(head.messageId, reasonCode(head.result.cause()), reason(head.result.cause()));
            } else {
                close();
                failConnection.run();
                return;
            }
        }
    }

    /**
     * Tells an MQTT 5 device why, in the PUBACK's reason string: the exact reason for its own
     * mistakes (which field of the payload is wrong), only a retry hint for ours.
     */
    static MqttProperties reason(Throwable cause) {
        String text = cause instanceof ClientError || cause instanceof PublishPipeline.RefusedMessage
                ? cause.getMessage() : "not stored, try again later";
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.StringProperty(MqttProperties.MqttPropertyType.REASON_STRING.value(),
                text.length() > MAX_REASON_LENGTH ? text.substring(0, MAX_REASON_LENGTH) : text));
        return properties;
    }

    private static MqttPubAckReasonCode reasonCode(Throwable cause) {
        Refusal refusal = cause instanceof PublishPipeline.RefusedMessage refused ? refused.refusal
                : Refusal.ofDownstreamFailure(cause);
        return refusal.pubAck().orElse(MqttPubAckReasonCode.UNSPECIFIED_ERROR);
    }
}
