package org.anju.platform.presence;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.error.ServerError;
import org.anju.platform.jobs.ClusterJobs;
import org.anju.platform.registry.PresenceStates;
import org.anju.platform.storage.UnitOfWork;

/**
 * Takes devices offline that stayed silent longer than their type's expectation
 * ({@code presence.<type>.interval × presence.<type>.missed}), every {@code presence.checkInterval},
 * on its own thread, on one instance at a time ({@link ClusterJobs}). Several processes may also
 * run it at once on one database: each transition is made once.
 */
public final class PresenceJob implements AutoCloseable {

    /** Devices taken offline per transaction; a run continues until none is left. */
    static final int BATCH_LIMIT = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(PresenceJob.class);

    private final UnitOfWork work;
    private final PresenceTracker tracker;
    private final Clock clock;
    private final int batchLimit;
    private ClusterJobs jobs;

    public PresenceJob(UnitOfWork work, PresenceTracker tracker, Clock clock) {
        this(work, tracker, clock, BATCH_LIMIT);
    }

    PresenceJob(UnitOfWork work, PresenceTracker tracker, Clock clock, int batchLimit) {
        this.work = work;
        this.tracker = tracker;
        this.clock = clock;
        this.batchLimit = batchLimit;
    }

    /**
     * Takes every overdue device offline now, each with an {@code offline} event, and tells the
     * tracker's listeners after each commit.
     *
     * @return the changes made by this run (none when another run made them)
     * @throws ServerError 503 when the database fails; changes committed before stay
     */
    public List<PresenceChange> runOnce() {
        List<PresenceChange> all = new ArrayList<>();
        List<PresenceChange> changes;
        do {
            changes = runBatch();
            tracker.committed(changes);
            all.addAll(changes);
        } while (changes.size() == batchLimit);
        return all;
    }

    private List<PresenceChange> runBatch() {
        return work.inTransaction("presence check", tx -> PresenceRecords.recorded(tx,
                PresenceStates.markOverdue(tx, tracker.expectations(), clock.instant(), batchLimit)));
    }

    /**
     * Schedules {@link #runOnce()} every {@code checkInterval} on {@code jobs}, which this job
     * closes with itself; idempotent.
     */
    public synchronized void start(ClusterJobs jobs) {
        if (this.jobs != null) {
            return;
        }
        this.jobs = jobs;
        Duration every = tracker.settings().checkInterval();
        jobs.schedule("presence.check", () -> runOnce(), every, every);
        LOG.info("presence job scheduled [every: {}]", every);
    }

    /** Stops scheduling and waits briefly for a running check; idempotent. */
    @Override
    public synchronized void close() {
        if (jobs != null) {
            jobs.close();
            jobs = null;
        }
    }
}
