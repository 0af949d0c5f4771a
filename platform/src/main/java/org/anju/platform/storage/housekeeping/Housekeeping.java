package org.anju.platform.storage.housekeeping;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.platform.jobs.ClusterJobs;
import org.anju.platform.storage.Database;
import org.anju.platform.storage.retention.RetentionJob;
import org.anju.platform.storage.retention.RetentionPolicy;
import org.anju.platform.storage.rollup.RollupSettings;
import org.anju.platform.storage.rollup.Rollups;

/**
 * The database's housekeeping: runs the storage jobs in the background: the rollup job every {@code rollup.interval}, the
 * retention job every {@code retention.interval}, each on its own thread so that a long first
 * retention run never delays the rollups, and each on one instance at a time across instances
 * sharing the database ({@link ClusterJobs}). A failed run is logged and retried at the next tick.
 */
public final class Housekeeping implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);
    private static final Duration FIRST_RETENTION_RUN = Duration.ofMinutes(1);

    private final Rollups rollups;
    private final RetentionJob retention;
    private final Duration rollupInterval;
    private final Duration retentionInterval;
    private ClusterJobs jobs;

    private Housekeeping(Rollups rollups, RetentionJob retention, Duration rollupInterval,
            Duration retentionInterval) {
        this.rollups = rollups;
        this.retention = retention;
        this.rollupInterval = rollupInterval;
        this.retentionInterval = retentionInterval;
    }

    /** Sets up the rollups and the retention job of the database; nothing runs until {@link #start()}. */
    public static Housekeeping open(Database database, RollupSettings rollupSettings, RetentionPolicy policy,
            Duration retentionInterval, Clock clock) {
        Rollups rollups = Rollups.open(database.work(), database.timescale(), rollupSettings, clock);
        RetentionJob retention = new RetentionJob(database.work(), database.timescale(), policy, rollups.tables(), clock);
        return new Housekeeping(rollups, retention, rollupSettings.interval(), retentionInterval);
    }

    /** Returns the rollups (to run them at once, or to read where they are). */
    public Rollups rollups() {
        return rollups;
    }

    /** Returns the retention job (to run it at once). */
    public RetentionJob retention() {
        return retention;
    }

    /**
     * Schedules both jobs on {@code jobs} (two threads), which this housekeeping closes with itself;
     * idempotent.
     */
    public synchronized void start(ClusterJobs jobs) {
        if (this.jobs != null) {
            return;
        }
        this.jobs = jobs;
        jobs.schedule("storage.rollup", () -> rollups.run(), rollupInterval, rollupInterval);
        jobs.schedule("storage.retention", () -> retention.run(), FIRST_RETENTION_RUN, retentionInterval);
        LOG.info("storage jobs scheduled [rollup every: {}, retention every: {}, rollups in: {}]", rollupInterval,
                retentionInterval, rollups.tables().hourly() + "/" + rollups.tables().daily());
    }

    /** Stops scheduling, waits briefly for a running job; idempotent. */
    @Override
    public synchronized void close() {
        if (jobs != null) {
            jobs.close();
            jobs = null;
        }
    }
}
