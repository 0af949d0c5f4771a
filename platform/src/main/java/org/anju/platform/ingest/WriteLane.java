package org.anju.platform.ingest;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.error.ServerError;
import org.anju.platform.presence.PresenceTracker;
import org.anju.platform.storage.SqlFailures;
import org.anju.platform.storage.UnitOfWork;

/**
 * One bounded queue of accepted messages and the thread that writes it in batches, each batch in
 * one transaction ({@link BatchWriter}); a message's future completes only after its batch
 * committed, and listeners hear of it after that.
 */
final class WriteLane {

    private static final Logger LOG = LoggerFactory.getLogger(WriteLane.class);

    private final String name;
    private final IngestSettings settings;
    private final BatchWriter writer;
    private final PresenceTracker presence;
    private final IngestListener listener;
    private final BlockingQueue<Batch.Entry> queue;
    private final AtomicBoolean running = new AtomicBoolean();
    private final Counter refused;
    private final Counter rowsWritten;
    private final Counter duplicates;
    private final DistributionSummary batchRows;
    private final Timer commitTime;
    private Thread thread;

    WriteLane(String name, IngestSettings settings, UnitOfWork work, PresenceTracker presence,
            IngestListener listener, MeterRegistry meters) {
        this.name = name;
        this.settings = settings;
        this.writer = new BatchWriter(work, presence, name);
        this.presence = presence;
        this.listener = listener;
        this.queue = new ArrayBlockingQueue<>(settings.queueMaxMessages());
        this.refused = Counter.builder("anju.ingest.messages.refused").tag("lane", name)
                .description("Messages refused because the write queue was full").register(meters);
        this.rowsWritten = Counter.builder("anju.ingest.rows.written").tag("lane", name)
                .description("Data points and events committed").register(meters);
        this.duplicates = Counter.builder("anju.ingest.messages.duplicate").tag("lane", name)
                .description("Messages from Kafka found stored already (a redelivery), not stored again").register(meters);
        this.batchRows = DistributionSummary.builder("anju.ingest.batch.rows").tag("lane", name)
                .description("Rows per committed batch").register(meters);
        this.commitTime = Timer.builder("anju.ingest.batch.write").tag("lane", name)
                .description("Time to write and commit one batch").register(meters);
        Gauge.builder("anju.ingest.queue.messages", queue, BlockingQueue::size).tag("lane", name)
                .description("Messages waiting to be written").register(meters);
    }

    void start() {
        if (running.compareAndSet(false, true)) {
            thread = Thread.ofPlatform().name("anju-ingest-" + name).daemon(false).start(this::writeLoop);
        }
    }

    /** Queues the entry; refused at once (retryable) when the lane is stopped or its queue is full. */
    Future<Void> enqueue(Batch.Entry entry) {
        if (!running.get()) {
            return Future.failedFuture(ServerError.unavailable("ingest is stopped", null));
        }
        if (!queue.offer(entry)) {
            refused.increment();
            return Future.failedFuture(ServerError.unavailable("ingest queue is full: storage is behind", null));
        }
        if (!running.get() && queue.remove(entry)) {
            // stopped between the check and the offer: the writer may have drained the queue already
            return Future.failedFuture(ServerError.unavailable("ingest is stopped", null));
        }
        return entry.stored().future();
    }

    /** Stops taking messages; returns at once, see {@link #awaitStopped()}. */
    void stop() {
        running.set(false);
    }

    /** Waits (up to 30 s) until what was queued is written. */
    void awaitStopped() {
        if (thread == null) {
            return;
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
        List<Batch.Entry> remaining = new ArrayList<>();
        queue.drainTo(remaining);
        failAll(remaining, ServerError.unavailable("ingest stopped before the message was stored", null));
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
        BatchWriter.Written written;
        try {
            written = writer.write(batch);
        } catch (SQLException e) {
            refuse(batch, SqlFailures.toServerError("storage", e));
            return;
        } catch (RuntimeException e) {
            LOG.error("ingest failed on a batch ({} lane)", name, e);
            refuse(batch, ServerError.unavailable("storage failed", e));
            return;
        }
        commitTime.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        Batch stored = written.stored();
        duplicates.increment(batch.entries().size() - stored.entries().size());
        batchRows.record(stored.rows());
        rowsWritten.increment(stored.rows());
        // listeners hear of presence changes before the messages that caused them are acknowledged
        presence.committed(written.presenceChanges());
        // a message from Kafka found stored already is done too; only the stored ones are news to listeners
        batch.entries().forEach(entry -> entry.stored().tryComplete());
        if (stored.entries().isEmpty()) {
            return;
        }
        try {
            listener.committed(stored.stateUpdates().keySet());
            listener.committedMessages(stored.entries().stream().map(Batch.Entry::committed).toList(), written.lastEventId());
        } catch (RuntimeException e) {
            LOG.warn("ingest listener failed: {}", e.getMessage(), e);
        }
    }

    private void refuse(Batch batch, ServerError error) {
        LOG.warn("batch of {} rows not stored ({} lane), {} messages will not be acknowledged: {}", batch.rows(), name,
                batch.entries().size(), error.getMessage());
        failAll(batch.entries(), error);
    }

    private static void failAll(List<Batch.Entry> entries, ServerError error) {
        entries.forEach(entry -> entry.stored().tryFail(error));
    }
}
