package org.anju.platform.api;

import java.util.Map;
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
import org.anju.platform.signals.SignalSender;

/**
 * Publishes committed device state to live subscribers over the event bus, one message per
 * device on {@code anju.devices.<community>}, with the device's type in a header: after ingest,
 * presence changes, and a device taken out of service or put back.
 * <p>
 * Commits come many times a second under load; their device ids are collected and published at
 * most every {@link #FLUSH_INTERVAL_MS} ms, with one query, and only while somebody listens.
 * <p>
 * The other instances on the database may have listeners too: each flush also hands the ids
 * committed here to {@link SignalSender} (ids only, one statement at a time, never blocking), and
 * their listener hands them to {@link #committedElsewhere}, which publishes them here like local
 * commits but sends nothing on (no echo). Only the devices of communities with a stream open here
 * are read and published.
 */
public final class LiveDeviceUpdates implements IngestListener {

    static final long FLUSH_INTERVAL_MS = 250;
    /** The header naming the device's type, so that a stream passes on only the devices its user sees. */
    static final String TYPE_HEADER = "deviceType";
    private static final Logger LOG = LoggerFactory.getLogger(LiveDeviceUpdates.class);

    private final Vertx vertx;
    private final DeviceRegistry registry;
    private final SignalSender others;
    /** Ids to publish here, collected only while somebody listens here. */
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    /** Ids committed here, for the other instances' listeners. */
    private final Set<String> outgoing = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final AtomicInteger subscribers = new AtomicInteger();
    /** Streams open here by community, for {@link #resync}. */
    private final Map<String, Integer> communities = new ConcurrentHashMap<>();

    /**
     * @param registry where the published state is read
     * @param others   tells the other instances on the database which devices were committed here
     */
    public LiveDeviceUpdates(Vertx vertx, DeviceRegistry registry, SignalSender others) {
        this.vertx = vertx;
        this.registry = registry;
        this.others = others;
    }

    static String address(String communityId) {
        return "anju.devices." + communityId;
    }

    void subscribed(String communityId) {
        subscribers.incrementAndGet();
        communities.merge(communityId, 1, Integer::sum);
    }

    void unsubscribed(String communityId) {
        subscribers.decrementAndGet();
        communities.computeIfPresent(communityId, (id, streams) -> streams == 1 ? null : streams - 1);
    }

    /** Publishes the devices' state here and sends their ids to the other instances. */
    @Override
    public void committed(Set<String> deviceIds) {
        if (deviceIds.isEmpty()) {
            return;
        }
        outgoing.addAll(deviceIds);
        if (subscribers.get() > 0) {
            pending.addAll(deviceIds);
        }
        scheduleFlush();
    }

    /** Publishes the state of devices that another instance committed, to the listeners here only. */
    public void committedElsewhere(Set<String> deviceIds) {
        if (subscribers.get() == 0 || deviceIds.isEmpty()) {
            return;
        }
        pending.addAll(deviceIds);
        scheduleFlush();
    }

    /**
     * Publishes every device of the communities streamed here, once: after the cross-instance
     * listener (re)connected, because what the other instances committed meanwhile was not heard.
     */
    public void resync() {
        Set<String> streamed = Set.copyOf(communities.keySet());
        if (streamed.isEmpty()) {
            return;
        }
        vertx.executeBlocking(() -> registry.devicesOfCommunities(streamed), false)
                .onSuccess(views -> views.forEach(this::publish))
                .onFailure(cause -> LOG.warn("live devices not resynchronised: {}", cause.getMessage()));
    }

    private void scheduleFlush() {
        if (flushScheduled.compareAndSet(false, true)) {
            vertx.setTimer(FLUSH_INTERVAL_MS, id -> flush());
        }
    }

    private void flush() {
        flushScheduled.set(false);
        others.devicesCommitted(drain(outgoing));
        Set<String> ids = drain(pending);
        Set<String> streamed = Set.copyOf(communities.keySet());
        if (!ids.isEmpty() && !streamed.isEmpty()) {
            // only the devices of communities streamed here: the other instances send every device they commit
            vertx.executeBlocking(() -> registry.devicesIn(ids, streamed), false)
                    .onSuccess(views -> views.forEach(this::publish))
                    .onFailure(cause -> LOG.warn("live device update skipped: {}", cause.getMessage()));
        }
    }

    private static Set<String> drain(Set<String> ids) {
        Set<String> drained = Set.copyOf(ids);
        ids.removeAll(drained);
        return drained;
    }

    private void publish(DeviceView view) {
        vertx.eventBus().publish(address(view.communityId()), ApiJson.write(view),
                new DeliveryOptions().addHeader(TYPE_HEADER, view.type()));
    }
}
