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

/**
 * Sends PUBACKs in the order the QoS 1 messages arrived (MQTT-4.6.0-2), each only after its
 * message's outcome is known.
 * <p>
 * Outcomes may complete on any thread (the storage writer, say); they are handed back to the
 * connection's context so that the queue is only ever touched there. A failed outcome becomes a
 * PUBACK reason code under MQTT 5; MQTT 3.1.1 has no negative PUBACK, so the connection is closed
 * without acknowledging and the device sends the message again.
 */
final class OrderedAcks {

    private final Context context;
    private final MqttEndpoint endpoint;
    private final boolean mqtt5;
    private final Runnable failConnection;
    private final Deque<Pending> pending = new ArrayDeque<>();
    private boolean closed;

    OrderedAcks(Context context, MqttEndpoint endpoint, boolean mqtt5, Runnable failConnection) {
        this.context = context;
        this.endpoint = endpoint;
        this.mqtt5 = mqtt5;
        this.failConnection = failConnection;
    }

    /** Queues the acknowledgement of a message that completes with {@code outcome}. */
    void add(int messageId, Future<Void> outcome) {
        Pending entry = new Pending(messageId);
        pending.addLast(entry);
        outcome.onComplete(result -> {
            if (Vertx.currentContext() == context) {
                complete(entry, result);
            } else {
                context.runOnContext(v -> complete(entry, result));
            }
        });
    }

    /** Forgets every pending acknowledgement: the connection is gone. */
    void close() {
        closed = true;
        pending.clear();
    }

    private void complete(Pending entry, AsyncResult<Void> result) {
        entry.result = result;
        if (!closed) {
            drain();
        }
    }

    private void drain() {
        while (!pending.isEmpty() && pending.peekFirst().result != null) {
            Pending head = pending.removeFirst();
            if (head.result.succeeded()) {
                endpoint.publishAcknowledge(head.messageId);
            } else if (mqtt5) {
                endpoint.publishAcknowledge(head.messageId, reasonCode(head.result.cause()), MqttProperties.NO_PROPERTIES);
            } else {
                close();
                failConnection.run();
                return;
            }
        }
    }

    private static MqttPubAckReasonCode reasonCode(Throwable cause) {
        Refusal refusal = cause instanceof PublishPipeline.RefusedMessage refused ? refused.refusal
                : Refusal.ofDownstreamFailure(cause);
        return refusal.pubAck().orElse(MqttPubAckReasonCode.UNSPECIFIED_ERROR);
    }

    private static final class Pending {
        private final int messageId;
        private AsyncResult<Void> result;

        Pending(int messageId) {
            this.messageId = messageId;
        }
    }
}
