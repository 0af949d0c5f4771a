package org.anju.platform.maintenance.plans;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.platform.jobs.ClusterJobs;
import org.anju.platform.maintenance.CompletionListener;
import org.anju.platform.maintenance.WorkOrderSink;
import org.anju.platform.storage.UnitOfWork;

/**
 * Maintenance assets, plans and usage counters as a service: the daily run (plans due within their
 * lead time, then on-demand assets whose counters reached their threshold), the completion listener
 * the work orders call, and what the API reads.
 * <p>
 * The run is the cluster-wide job {@value #JOB}, checked every hour on one instance: it is
 * idempotent (each occurrence and counter cycle opens once), so an hourly run opens work soon after
 * local midnight and a missed run is made up by the next.
 */
public final class MaintenancePlans {

    /** The cluster-wide job of the run. */
    public static final String JOB = "maintenance.plan-run";

    private static final Logger LOG = LoggerFactory.getLogger(MaintenancePlans.class);

    private final UnitOfWork work;
    private final PlansSettings settings;
    private final ZoneId zone;
    private final Clock clock;

    /** Returns the service over the database of {@code work}; days are local to {@code zone} ({@code rollup.dayZone}). */
    public MaintenancePlans(UnitOfWork work, PlansSettings settings, ZoneId zone, Clock clock) {
        this.work = work;
        this.settings = settings;
        this.zone = zone;
        this.clock = clock;
    }

    /** What a run opened. */
    public record Run(int plans, int planOrders, int counterOrders, long millis) {
    }

    /** Schedules the run on {@code jobs}, opening work through {@code sink}. */
    public void start(ClusterJobs jobs, WorkOrderSink sink) {
        jobs.schedule(JOB, () -> run(today(), sink), Duration.ofMinutes(1), Duration.ofHours(1));
    }

    /** Runs for the local day {@code today}; blocks on JDBC (call it from a worker). */
    public Run run(LocalDate today, WorkOrderSink sink) {
        long started = System.nanoTime();
        PlanRun.Result plans = new PlanRun(work, sink).run(today);
        int counters = work.inTransaction("maintenance counters", tx -> CounterCheck.run(tx, sink, settings, today));
        Run run = new Run(plans.plans(), plans.opened(), counters, (System.nanoTime() - started) / 1_000_000);
        if (counters > 0) {
            LOG.info("maintenance brought forward by usage counters [day: {}, orders: {}]", today, counters);
        }
        return run;
    }

    /** Returns the listener the work orders tell of completed work. */
    public CompletionListener completions() {
        return new PlanCompletions(zone, clock);
    }

    /** Returns today in the maintenance time zone. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    public UnitOfWork work() {
        return work;
    }

    public PlansSettings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }
}
