package org.anju.gateway;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Future;
import io.vertx.core.Promise;

import org.anju.protocol.DeviceMessage;

/**
 * A downstream the test completes by hand: each message waits in {@link #received} with the promise
 * that acknowledges it.
 */
final class ScriptedDownstream implements Downstream {

    record Delivery(DeviceMessage message, Promise<Void> stored) {
    }

    private final BlockingQueue<Delivery> received = new LinkedBlockingQueue<>();

    @Override
    public Future<Void> send(DeviceMessage message) {
        Promise<Void> stored = Promise.promise();
        received.add(new Delivery(message, stored));
        return stored.future();
    }

    /** Waits for the next message the gateway handed downstream. */
    Delivery next() throws InterruptedException {
        Delivery delivery = received.poll(10, TimeUnit.SECONDS);
        if (delivery == null) {
            throw new AssertionError("no message reached the downstream within 10 s");
        }
        return delivery;
    }
}
