package org.anju.platform.storage.rollup;

import java.time.Clock;
import java.time.Instant;

import org.anju.error.ServerError;
import org.anju.platform.storage.TimescaleInfo;
import org.anju.platform.storage.UnitOfWork;

/**
 * Hourly and daily rollups of telemetry (count, min, max, sum, last value), kept by the platform
 * itself on every database (plain PostgreSQL, and either edition of TimescaleDB): every ingest
 * transaction marks the (hour, device) pairs it wrote ({@link DirtyHours}); the job
 * {@linkplain #run() takes} the marks under a lock that waits for writers to commit, recomputes
 * each marked hour of each marked device from the raw rows, and re-derives the day that holds it
 * from the hourly rows. Late data is folded in like any other, and a recomputation replaces what it
 * recomputes, so running again changes nothing.
 * <p>
 * Methods block on JDBC: call them from a worker thread. Concurrent calls, from this process or
 * from other platform instances on the same database, run one after the other.
 */
public interface Rollups {

    /** Returns the rollups of a database; {@code timescale} says how it buckets time. */
    static Rollups open(UnitOfWork work, TimescaleInfo timescale, RollupSettings settings, Clock clock) {
        return new IncrementalRollups(work, new RollupSql(timescale), settings, clock);
    }

    /** Returns where readers find the rollups. */
    RollupTables tables();

    /**
     * Folds every hour marked since the last run into the rollups.
     *
     * @throws ServerError 503 (retryable) when the database fails; what was folded stays folded, the
     *                     rest stays marked for the next run
     */
    RollupRun run();

    /**
     * Recomputes the hourly and daily rollups of every device for the hours in {@code [from, to)}
     * (widened to whole hours and days, narrowed to what the raw retention still holds), whether or
     * not they were marked; for bulk loads and repairs.
     *
     * @throws ServerError 503 (retryable) when the database fails
     */
    void rebuild(Instant from, Instant to);
}
