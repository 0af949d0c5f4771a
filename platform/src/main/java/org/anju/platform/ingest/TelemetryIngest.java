package org.anju.platform.ingest;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.error.ClientError;
import org.anju.error.ServerError;
import org.anju.gateway.Downstream;
import org.anju.platform.presence.PresenceChange;
import org.anju.platform.presence.PresenceSettings;
import org.anju.platform.presence.PresenceSignal;
import org.anju.platform.presence.PresenceTracker;
import org.anju.protocol.DeviceEvent;
import org.anju.protocol.DeviceMessage;
import org.anju.protocol.TelemetryDecoder;
import org.anju.protocol.catalogue.DecodedMessage;
import org.anju.protocol.catalogue.DeviceCatalogue;

/**
 * The in-process {@link Downstream}: decodes each message by its device type's schema (the
 * {@link DeviceCatalogue}), queues it, and has one writer thread
 * write the queue in batches ({@link BatchWriter}); a message's future completes only after the
 * transaction holding it committed. The same transaction keeps the devices' presence
 * ({@link PresenceTracker}): a message brings an offline device online, a {@code disconnected}
 * notice takes it offline.
 * <p>
 * The queue is bounded: when the database is slow or down it fills and further messages are
 * refused with a retryable error instead of being buffered, so memory stays bounded and nothing
 * is acknowledged that was not stored.
 */
public final class TelemetryIngest implements Downstream, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TelemetryIngest.class);

    private final IngestSettings settings;
    private final DeviceCatalogue catalogue;
    private final DeviceTypes types;
    private final TelemetryDecoder connectionEvents = new TelemetryDecoder();
    private final BatchWriter writer;
    private final PresenceTracker presence;
    private final IngestListener listener;
    private final BlockingQueue<Batch.Entry> queue;
    private final AtomicBoolean running = new AtomicBoolean();
    private final Counter invalid;
    private final Counter refused;
    private final Counter rowsWritten;
    private final DistributionSummary batchRows;
    private final Timer commitTime;
    private Thread writerThread;

    /** Creates ingest with the default presence expectations and no presence listeners. */
    public TelemetryIngest(DataSource dataSource, IngestSettings settings, DeviceCatalogue catalogue, DeviceTypes types,
            IngestListener listener, MeterRegistry meters) {
        this(dataSource, settings, catalogue, types, new PresenceTracker(PresenceSettings.defaults()), listener, meters);
    }

    /** Creates ingest that keeps presence with the given tracker (and tells its listeners). */
    public TelemetryIngest(DataSource dataSource, IngestSettings settings, DeviceCatalogue catalogue, DeviceTypes types,
            PresenceTracker presence, IngestListener listener, MeterRegistry meters) {
        this.settings = settings;
        this.catalogue = catalogue;
        this.types = types;
        this.presence = presence;
        this.writer = new BatchWriter(dataSource, presence);
        this.listener = listener;
        this.queue = new ArrayBlockingQueue<>(settings.queueMaxMessages());
        this.invalid = Counter.builder("anju.ingest.messages.invalid")
                .description("Messages refused because their payload is not valid").register(meters);
        this.refused = Counter.builder("anju.ingest.messages.refused")
                .description("Messages refused because the write queue was full").register(meters);
        this.rowsWritten = Counter.builder("anju.ingest.rows.written")
                .description("Data points and events committed").register(meters);
        this.batchRows = DistributionSummary.builder("anju.ingest.batch.rows")
                .description("Rows per committed batch").register(meters);
        this.commitTime = Timer.builder("anju.ingest.batch.write")
                .description("Time to write and commit one batch").register(meters);
        Gauge.builder("anju.ingest.queue.messages", queue, BlockingQueue::size)
                .description("Messages waiting to be written").register(meters);
    }

    /** Starts the writer thread; idempotent. */
    public void start() {
        if (running.compareAndSet(false, true)) {
            writerThread = Thread.ofPlatform().name("anju-ingest-writer").daemon(false).start(this::writeLoop);
        }
    }

    @Override
    public Future<Void> send(DeviceMessage message) {
        if (message.isConnectionNotification()) {
            return enqueue(connectionEvent(message));
        }
        return types.typeOf(message.deviceId()).compose(type -> {
            Batch.Entry entry;
            try {
                DecodedMessage decoded = catalogue.decode(type, message);
                entry = new Batch.Entry(message.deviceId(), type, message.receivedAt(), decoded.points(), decoded.events(),
                        decoded.status(), PresenceSignal.Kind.MESSAGE, Promise.promise());
            } catch (ClientError e) {
                invalid.increment();
                return Future.failedFuture(e);
            }
            return enqueue(entry);
        });
    }

    private Future<Void> enqueue(Batch.Entry entry) {
        if (!running.get()) {
            return Future.failedFuture(ServerError.unavailable("ingest is stopped", null));
        }
        if (!queue.offer(entry)) {
            refused.increment();
            return Future.failedFuture(ServerError.unavailable("ingest queue is full: storage is behind", null));
        }
        return entry.stored().future();
    }

    /** Stops taking messages, writes what was queued, and stops the writer; idempotent. */
    @Override
    public void close() {
        if (running.compareAndSet(true, false)) {
            try {
                writerThread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The gateway's own connection notice: an event of the device, and a sign of life. Only
     * {@code disconnected} says the device went away: {@code taken_over} (the old connection of a
     * device that reconnected) and {@code gateway_stopped} (our own shutdown) do not.
     */
    private Batch.Entry connectionEvent(DeviceMessage message) {
        DeviceEvent event = connectionEvents.decodeEvent(message);
        PresenceSignal.Kind signal = "disconnected".equals(event.kind()) ? PresenceSignal.Kind.DISCONNECTED
                : PresenceSignal.Kind.CONNECTED;
        return new Batch.Entry(message.deviceId(), null, message.receivedAt(), List.of(), List.of(event), Map.of(), signal,
                Promise.promise());
    }

    private void writeLoop() {
        while (running.get() || !queue.isEmpty()) {
            try {
                Batch batch = collect();
                if (batch != null) {
                    write(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        failAll(drainRemaining(), ServerError.unavailable("ingest stopped before the message was stored", null));
    }

    private Batch collect() throws InterruptedException {
        Batch.Entry first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
            return null;
        }
        Batch batch = new Batch();
        batch.add(first);
        long deadline = System.nanoTime() + settings.batchMaxDelay().toNanos();
        while (batch.rows() < settings.batchMaxRows()) {
            Batch.Entry next = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            batch.add(next);
        }
        return batch;
    }

    private void write(Batch batch) {
        long started = System.nanoTime();
        List<PresenceChange> presenceChanges;
        try {
            presenceChanges = writer.write(batch);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("batch of {} rows not stored, {} messages will not be acknowledged: {}", batch.rows(),
                    batch.entries().size(), e.getMessage());
            failAll(batch.entries(), ServerError.unavailable("storage failed: " + e.getMessage(), e));
            return;
        }
        commitTime.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        batchRows.record(batch.rows());
        rowsWritten.increment(batch.rows());
        // listeners hear of presence changes before the messages that caused them are acknowledged
        presence.committed(presenceChanges);
        batch.entries().forEach(entry -> entry.stored().tryComplete());
        try {
            listener.committed(batch.stateUpdates().keySet());
            listener.committedMessages(batch.entries().stream().map(Batch.Entry::committed).toList());
        } catch (RuntimeException e) {
            LOG.warn("ingest listener failed: {}", e.getMessage(), e);
        }
    }

    private List<Batch.Entry> drainRemaining() {
        List<Batch.Entry> remaining = new ArrayList<>();
        queue.drainTo(remaining);
        return remaining;
    }

    private static void failAll(List<Batch.Entry> entries, ServerError error) {
        entries.forEach(entry -> entry.stored().tryFail(error));
    }
}
