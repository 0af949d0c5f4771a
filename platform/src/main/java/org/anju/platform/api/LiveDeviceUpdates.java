package org.anju.platform.api;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.platform.ingest.IngestListener;
import org.anju.platform.registry.DeviceRegistry;
import org.anju.platform.registry.DeviceView;

/**
 * Publishes committed device state to live subscribers over the event bus, one message per
 * device on {@code anju.devices.<community>}, with the device's type in a header: after ingest,
 * presence changes, and a device taken out of service or put back.
 * <p>
 * Commits come many times a second under load; their device ids are collected and published at
 * most every {@link #FLUSH_INTERVAL_MS} ms, with one query, and only while somebody listens.
 */
public final class LiveDeviceUpdates implements IngestListener {

    static final long FLUSH_INTERVAL_MS = 250;
    /** The header naming the device's type, so that a stream passes on only the devices its user sees. */
    static final String TYPE_HEADER = "deviceType";
    private static final Logger LOG = LoggerFactory.getLogger(LiveDeviceUpdates.class);

    private final Vertx vertx;
    private final DeviceRegistry registry;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final AtomicInteger subscribers = new AtomicInteger();

    public LiveDeviceUpdates(Vertx vertx, DeviceRegistry registry) {
        this.vertx = vertx;
        this.registry = registry;
    }

    static String address(String communityId) {
        return "anju.devices." + communityId;
    }

    void subscribed() {
        subscribers.incrementAndGet();
    }

    void unsubscribed() {
        subscribers.decrementAndGet();
    }

    @Override
    public void committed(Set<String> deviceIds) {
        if (subscribers.get() == 0) {
            return;
        }
        pending.addAll(deviceIds);
        if (flushScheduled.compareAndSet(false, true)) {
            vertx.setTimer(FLUSH_INTERVAL_MS, id -> flush());
        }
    }

    private void flush() {
        flushScheduled.set(false);
        Set<String> ids = Set.copyOf(pending);
        pending.removeAll(ids);
        vertx.executeBlocking(() -> registry.devices(ids), false)
                .onSuccess(views -> views.forEach(this::publish))
                .onFailure(cause -> LOG.warn("live device update skipped: {}", cause.getMessage()));
    }

    private void publish(DeviceView view) {
        vertx.eventBus().publish(address(view.communityId()), ApiJson.write(view),
                new DeliveryOptions().addHeader(TYPE_HEADER, view.type()));
    }
}
