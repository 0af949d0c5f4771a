package org.anju.gateway.impl;

import java.util.ArrayDeque;
import java.util.Deque;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.mqtt.MqttEndpoint;

/**
 * Sends PUBACKs in the order the QoS 1 messages arrived (MQTT-4.6.0-2), each only after its
 * message's outcome is known.
 * <p>
 * Outcomes may complete on any thread (the storage worker, say); they are handed back to the
 * connection's context so that the queue is only ever touched there.
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
            if (Context.isOnEventLoopThread() && context == io.vertx.core.Vertx.currentContext()) {
                complete(entry, result);
            } else {
                context.runOnContext(v -> complete(entry, result));
            }
        });
    }

    /** Returns how many QoS 1 messages wait for their acknowledgement. */
    int size() {
        return pending.size();
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
                endpoint.publishAcknowledge(head.messageId, MqttErrors.pubAckReason(head.result.cause()),
                        MqttProperties.NO_PROPERTIES);
            } else {
                // MQTT 3.1.1 has no negative PUBACK: withholding it and closing makes the device re-send
                close();
                failConnection.run();
                return;
            }
        }
    }

    private static final class Pending {
        private final int messageId;
        private AsyncResult<Void> result;

        Pending(int messageId) {
            this.messageId = messageId;
        }
    }
}
