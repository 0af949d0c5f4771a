package org.anju.platform.signals;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.vertx.core.Vertx;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.platform.storage.UnitOfWork;

/**
 * Sends {@link Signals} to the other instances on the database: {@code pg_notify} with the
 * channels and payloads as parameters, never interpolated into SQL, in an auto-commit statement of
 * its own after the change committed, never inside the change's transaction. A signal is a
 * wake-up, best effort: when it cannot be sent (database down, PostgreSQL's notification queue
 * full), what it named is dropped and the receivers' periodic poll (outbox) or next update
 * (devices) covers it, while the change itself stays committed.
 * <p>
 * Never blocks its caller. One statement at a time: what is asked while one is in flight is
 * merged into the next, so a slow or failing database costs one worker thread and one connection,
 * not one per call.
 */
public final class SignalSender {

    private static final Logger LOG = LoggerFactory.getLogger(SignalSender.class);
    private static final String NOTIFY_SQL =
            "SELECT pg_notify(s.channel, s.payload) FROM unnest(?::text[], ?::text[]) AS s(channel, payload)";
    /** One warning per this interval at most while sending fails. */
    private static final long WARN_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Vertx vertx;
    private final UnitOfWork work;
    private final String origin;
    private final AtomicBoolean outbox = new AtomicBoolean();
    private final Set<String> devices = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean sending = new AtomicBoolean();
    /** When the last failure was logged; touched by the one sender in flight only. */
    private long lastWarned = System.nanoTime() - WARN_INTERVAL_NANOS;

    /**
     * @param work   where to send from (one short auto-commit statement per send)
     * @param origin this process's {@link Signals#origin}
     */
    public SignalSender(Vertx vertx, UnitOfWork work, String origin) {
        this.vertx = vertx;
        this.work = work;
        this.origin = origin;
    }

    /** Tells the other instances that notifications were appended to the outbox here and committed. */
    public void outboxCommitted() {
        outbox.set(true);
        send();
    }

    /** Tells the other instances that the devices' state was committed here. */
    public void devicesCommitted(Collection<String> deviceIds) {
        if (deviceIds.isEmpty()) {
            return;
        }
        devices.addAll(deviceIds);
        send();
    }

    private void send() {
        if (!sending.compareAndSet(false, true)) {
            return; // the send in flight looks again when it ends
        }
        boolean wakeOutbox = outbox.getAndSet(false);
        Set<String> ids = Set.copyOf(devices);
        devices.removeAll(ids);
        List<String> channels = new ArrayList<>();
        List<String> payloads = new ArrayList<>();
        if (wakeOutbox) {
            channels.add(Signals.OUTBOX_CHANNEL);
            payloads.add(origin);
        }
        for (String payload : Signals.payloads(origin, ids)) {
            channels.add(Signals.DEVICES_CHANNEL);
            payloads.add(payload);
        }
        if (channels.isEmpty()) {
            sending.set(false);
            return;
        }
        vertx.executeBlocking(() -> work.autoCommit("cross-instance signals",
                tx -> tx.query(NOTIFY_SQL, rs -> true, channels.toArray(String[]::new),
                        payloads.toArray(String[]::new))), false)
                .onComplete(result -> {
                    if (result.failed()) {
                        warn(result.cause(), ids.size(), wakeOutbox);
                    }
                    sending.set(false);
                    if (result.succeeded() && (outbox.get() || !devices.isEmpty())) {
                        send(); // asked for while this one was in flight
                    }
                });
    }

    private void warn(Throwable cause, int deviceIds, boolean wakeOutbox) {
        long now = System.nanoTime();
        if (now - lastWarned >= WARN_INTERVAL_NANOS) {
            lastWarned = now;
            LOG.warn("cross-instance signals not sent, the other instances see them at their next poll or update"
                    + " [outbox: {}, devices: {}, cause: {}] (logged at most once a minute)", wakeOutbox, deviceIds,
                    cause.getMessage());
        }
    }
}
