package org.anju.platform.api;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;

import org.anju.platform.delivery.Outbox;
import org.anju.platform.fund.MaintenanceFund;
import org.anju.platform.jobs.ClusterJobs;
import org.anju.platform.ledger.Ledger;
import org.anju.platform.storage.UnitOfWork;
import org.anju.platform.votes.Motions;

/**
 * The owners' capabilities wired together: owners' votes, the job that closes motions whose
 * voting has ended, and the maintenance fund. Schedule the job with {@link #start(ClusterJobs)}.
 *
 * @param background the motions of the close job (the background unit of work)
 */
public record OwnersServices(Motions motions, Motions background, MaintenanceFund fund) {

    /** How often the close job looks for motions whose voting has ended; a read closes one sooner. */
    public static final Duration CLOSE_INTERVAL = Duration.ofMinutes(1);
    /** The close job's cluster-wide name (docs/operations.md). */
    public static final String CLOSE_JOB = "votes.close-motions";

    /**
     * @param work     the unit of work of background jobs
     * @param requests the unit of work of HTTP requests
     * @param dayZone  where the day of a household membership begins
     */
    public static OwnersServices of(UnitOfWork work, UnitOfWork requests, Outbox outbox, Clock clock, ZoneId dayZone) {
        return new OwnersServices(new Motions(requests, outbox, clock, dayZone), new Motions(work, outbox, clock, dayZone),
                new MaintenanceFund(requests, Ledger.create(), outbox, clock, dayZone));
    }

    /**
     * Schedules the close job on {@code jobs}, which run it on one instance at a time across the
     * instances on the database; closing {@code jobs} stops it.
     */
    public void start(ClusterJobs jobs) {
        jobs.schedule(CLOSE_JOB, background::closeDue, CLOSE_INTERVAL, CLOSE_INTERVAL);
    }
}
