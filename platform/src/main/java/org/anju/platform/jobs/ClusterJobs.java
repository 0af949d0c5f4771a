package org.anju.platform.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Periodic jobs that run on one instance at a time across all platform instances on one database,
 * once per period: each job is checked every {@code min(every, leaseTime / 3)}; the instance that
 * holds (or takes) the job's {@link Leases lease} runs it when {@code every} has passed since the
 * job last started on any instance. Held leases are renewed every {@code leaseTime / 3}, also
 * while a job runs, so a live holder keeps its jobs and a killed one loses them after
 * {@code leaseTime}. Closing gives the leases up so another instance takes over at once.
 * <p>
 * Usage (a job name is cluster-wide: {@code <capability>.<job>}):
 * <pre>{@code
 * ClusterJobs jobs = new ClusterJobs("billing", 1, leases, meters);
 * jobs.schedule("billing.monthly-run", billing::runDue, Duration.ofMinutes(1), Duration.ofHours(1));
 * ...
 * jobs.close();
 * }</pre>
 * Work that many instances may share (webhook deliveries claimed row by row) does not belong
 * here: a lease would make one instance do all of it.
 */
public final class ClusterJobs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterJobs.class);

    private final String name;
    private final Leases leases;
    private final Clock clock;
    private final MeterRegistry meters;
    private final PeriodicJobs jobs;
    private final Map<String, Runnable> checks = new ConcurrentHashMap<>();
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    /**
     * Starts the renewal of this instance's leases; jobs run once {@link #schedule scheduled}.
     *
     * @param name    names the threads ({@code anju-<name>-N}) and the log lines
     * @param threads jobs that may run at the same time (one more thread renews the leases)
     * @param meters  where {@code anju_jobs_runs_total{job}} counts this instance's runs
     */
    public ClusterJobs(String name, int threads, Leases leases, Clock clock, MeterRegistry meters) {
        this.name = name;
        this.leases = leases;
        this.clock = clock;
        this.meters = meters;
        this.jobs = new PeriodicJobs(name, threads + 1);
        Duration renewal = leases.leaseTime().dividedBy(3);
        jobs.schedule("lease renewal", this::renewHeld, renewal, renewal);
    }

    /** The same, without metrics (tests and tools). */
    public ClusterJobs(String name, int threads, Leases leases, Clock clock) {
        this(name, threads, leases, clock, new SimpleMeterRegistry());
    }

    /**
     * Runs {@code work} once per {@code every} across the instances, on the instance that holds the
     * job's lease; the first check is after {@code first}. A failed run is logged and counts as a
     * run (the next is a period later).
     *
     * @param job a name unique across the platform, {@code <capability>.<job>}
     * @throws IllegalArgumentException when {@code job} is already scheduled in this process
     */
    public void schedule(String job, Runnable work, Duration first, Duration every) {
        Counter runs = Counter.builder("anju.jobs.runs").tag("job", job)
                .description("runs of a cluster-wide job on this instance").register(meters);
        Runnable check = () -> runIfDue(job, work, every, runs);
        if (checks.putIfAbsent(job, check) != null) {
            throw new IllegalArgumentException("job " + job + " is scheduled twice");
        }
        jobs.schedule(job, check, first, min(every, leases.leaseTime().dividedBy(3)));
    }

    /** Returns the jobs whose leases this instance holds now. */
    public Set<String> held() {
        return Set.copyOf(held);
    }

    /** Checks the job now, on the caller's thread, as its schedule does: takes or renews the lease, runs when due. */
    void checkNow(String job) {
        checks.get(job).run();
    }

    /** Stops every thread without giving up the leases, as a killed process would (tests). */
    void crash() {
        jobs.close();
    }

    private void runIfDue(String job, Runnable work, Duration every, Counter runs) {
        Optional<Leases.Lease> lease = leases.acquire(job);
        if (lease.isEmpty()) {
            if (held.remove(job)) {
                LOG.info("{} job lease taken by another instance [job: {}, instance: {}]", name, job, leases.holder());
            }
            return;
        }
        if (held.add(job)) {
            LOG.info("{} job lease taken [job: {}, instance: {}]", name, job, leases.holder());
        }
        Instant now = clock.instant();
        boolean due = lease.get().lastRunAt().map(last -> !now.isBefore(last.plus(every))).orElse(true);
        if (due && leases.started(job)) {
            runs.increment();
            work.run();
        }
    }

    private void renewHeld() {
        List<String> mine = List.copyOf(held);
        if (!mine.isEmpty() && leases.renew(mine) < mine.size()) {
            // another instance took one over: the next check of each job finds out which
            LOG.info("{} job leases partly lost [instance: {}]", name, leases.holder());
        }
    }

    /** Stops the jobs, waits briefly for a running one, and gives up this instance's leases; idempotent. */
    @Override
    public void close() {
        jobs.close();
        List<String> mine = List.copyOf(held);
        held.clear();
        if (mine.isEmpty()) {
            return;
        }
        try {
            leases.release(mine);
        } catch (RuntimeException e) {
            // the leases then run out by themselves after leaseTime
            LOG.warn("{} job leases not released, they expire in {} [jobs: {}]: {}", name, leases.leaseTime(), mine,
                    e.getMessage());
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
