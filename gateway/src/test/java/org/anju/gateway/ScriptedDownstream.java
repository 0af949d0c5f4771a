package org.anju.gateway;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Future;
import io.vertx.core.Promise;

import org.anju.protocol.DeviceMessage;

/**
 * A downstream for gateway tests. Held (the default), each message waits in a queue with the
 * promise that acknowledges it, for the test to complete; in {@link #autoAccept()} mode every
 * message is stored at once. Connection notifications are kept apart in {@link #notifications()}.
 */
final class ScriptedDownstream implements Downstream {

    record Delivery(DeviceMessage message, Promise<Void> stored) {
    }

    private final BlockingQueue<Delivery> received = new LinkedBlockingQueue<>();
    private final List<DeviceMessage> accepted = new CopyOnWriteArrayList<>();
    private final List<DeviceMessage> notifications = new CopyOnWriteArrayList<>();
    private volatile boolean autoAccept;

    /** Stores every message at once from now on. */
    ScriptedDownstream autoAccept() {
        autoAccept = true;
        return this;
    }

    @Override
    public Future<Void> send(DeviceMessage message) {
        if (message.isConnectionNotification()) {
            notifications.add(message);
            return Future.succeededFuture();
        }
        if (autoAccept) {
            accepted.add(message);
            return Future.succeededFuture();
        }
        Promise<Void> stored = Promise.promise();
        received.add(new Delivery(message, stored));
        return stored.future();
    }

    /** Waits for the next message the gateway handed downstream (held mode). */
    Delivery next() throws InterruptedException {
        Delivery delivery = received.poll(10, TimeUnit.SECONDS);
        if (delivery == null) {
            throw new AssertionError("no message reached the downstream within 10 s");
        }
        return delivery;
    }

    /** Returns how many messages wait, held, in the downstream. */
    int held() {
        return received.size();
    }

    /** Takes every held message. */
    List<Delivery> drainHeld() {
        List<Delivery> all = new java.util.ArrayList<>();
        received.drainTo(all);
        return all;
    }

    /** Returns the messages stored in auto-accept mode. */
    List<DeviceMessage> accepted() {
        return accepted;
    }

    List<DeviceMessage> notifications() {
        return notifications;
    }
}
