package org.anju.platform.jobs;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.anju.error.ServerError;
import org.anju.platform.storage.Sql;
import org.anju.platform.storage.UnitOfWork;

/**
 * Leases on cluster-wide jobs in table {@code job_leases}: an instance that holds a job's lease
 * is the only one that runs it until the lease ends. The holder renews it while it lives; a
 * killed holder stops renewing, and once {@code leaseTime} has passed another instance takes it.
 * <p>
 * A table rather than PostgreSQL advisory locks: an advisory lock belongs to a database session,
 * so it would have to pin one pooled connection per job for as long as the instance runs, and
 * behind a transaction-mode pooler (PgBouncer) it is released or kept by whichever client the
 * server session serves next. A lease row is ordinary transactional data, survives poolers and
 * failovers, and shows operators who runs what. Lease times come from the instances' clocks,
 * which therefore must agree (NTP) to well within {@code leaseTime}.
 * <p>
 * A lease makes a job run once per period, not exactly once: a holder that stalls beyond its lease
 * (a long GC pause, a lost network) may still finish a run while the next holder starts one. Jobs
 * stay safe under that because each does its work in transactions that are themselves
 * idempotent (timers marked done with {@code SKIP LOCKED}, presence transitions made once,
 * rollups recomputed from marks, retention deleting what is expired).
 */
public final class Leases {

    /** Shortest lease accepted: renewal runs every third of it. */
    public static final Duration MIN_LEASE_TIME = Duration.ofSeconds(1);

    /**
     * A held lease.
     *
     * @param job       the job's cluster-wide name
     * @param lastRunAt when the job last started on any instance, empty if never
     */
    public record Lease(String job, Optional<Instant> lastRunAt) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final UnitOfWork work;
    private final String holder;
    private final Duration leaseTime;
    private final Clock clock;

    /**
     * @param work      the database shared by the instances
     * @param holder    this instance's id, unique among the instances alive at once
     * @param leaseTime how long a lease lasts without renewal: the longest a killed instance's jobs
     *                  wait before another takes them
     */
    public Leases(UnitOfWork work, String holder, Duration leaseTime, Clock clock) {
        if (leaseTime.compareTo(MIN_LEASE_TIME) < 0) {
            throw new IllegalArgumentException("leaseTime " + leaseTime + " is shorter than " + MIN_LEASE_TIME);
        }
        this.work = work;
        this.holder = holder;
        this.leaseTime = leaseTime;
        this.clock = clock;
    }

    /**
     * Returns a new instance id: the host name, the process id and a random part, so that a
     * restarted process (in a container, always pid 1 on the same host name) is a new holder.
     */
    public static String newInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "-" + ProcessHandle.current().pid() + "-" + HexFormat.of().toHexDigits((short) RANDOM.nextInt());
    }

    /** Returns this instance's id. */
    public String holder() {
        return holder;
    }

    /** Returns how long a lease lasts without renewal. */
    public Duration leaseTime() {
        return leaseTime;
    }

    /**
     * Takes the job's lease if it is free, has expired or is already this instance's, and extends
     * it by {@code leaseTime}.
     *
     * @return the lease if this instance holds it now, empty if another does
     * @throws ServerError 503 when the database fails
     */
    public Optional<Lease> acquire(String job) {
        Instant now = clock.instant();
        return work.inTransaction("job lease", tx -> tx.one("""
                INSERT INTO job_leases (job, holder, lease_until, acquired_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (job) DO UPDATE SET holder = EXCLUDED.holder, lease_until = EXCLUDED.lease_until,
                       acquired_at = CASE WHEN job_leases.holder = EXCLUDED.holder THEN job_leases.acquired_at
                                          ELSE EXCLUDED.acquired_at END
                 WHERE job_leases.holder = EXCLUDED.holder OR job_leases.lease_until <= EXCLUDED.acquired_at
                RETURNING last_run_at""",
                rs -> new Lease(job, Optional.ofNullable(Sql.instant(rs, "last_run_at"))),
                job, holder, now.plus(leaseTime), now));
    }

    /**
     * Extends the leases this instance still holds among {@code jobs}.
     *
     * @return how many were extended (fewer when another instance took one over)
     * @throws ServerError 503 when the database fails
     */
    public int renew(Collection<String> jobs) {
        Instant now = clock.instant();
        return work.inTransaction("job lease renewal", tx -> tx.update(
                "UPDATE job_leases SET lease_until = ? WHERE holder = ? AND job = ANY (?) AND lease_until > ?",
                now.plus(leaseTime), holder, jobs.toArray(String[]::new), now));
    }

    /**
     * Records that this instance started the job now, if it still holds the lease.
     *
     * @return whether the run was recorded (false: the lease was lost, skip the run)
     * @throws ServerError 503 when the database fails
     */
    public boolean started(String job) {
        Instant now = clock.instant();
        return work.inTransaction("job run", tx -> tx.update("""
                UPDATE job_leases SET last_run_at = ?, last_run_by = holder, runs = runs + 1
                 WHERE job = ? AND holder = ? AND lease_until > ?""",
                now, job, holder, now) == 1);
    }

    /**
     * Gives up this instance's leases among {@code jobs} at once, so that another instance takes
     * them over at its next check instead of after the lease time (a clean shutdown).
     *
     * @throws ServerError 503 when the database fails
     */
    public void release(Collection<String> jobs) {
        Instant now = clock.instant();
        work.inTransaction("job lease release", tx -> tx.update(
                "UPDATE job_leases SET lease_until = ? WHERE holder = ? AND job = ANY (?)",
                now, holder, jobs.toArray(String[]::new)));
    }

    /**
     * Returns every lease as stored, for operators and tests.
     *
     * @throws ServerError 503 when the database fails
     */
    public List<LeaseRow> all() {
        return work.read("job leases", tx -> tx.query(
                "SELECT job, holder, lease_until, last_run_at, last_run_by, runs FROM job_leases ORDER BY job",
                rs -> new LeaseRow(rs.getString("job"), rs.getString("holder"), Sql.instant(rs, "lease_until"),
                        Optional.ofNullable(Sql.instant(rs, "last_run_at")), Optional.ofNullable(rs.getString("last_run_by")),
                        rs.getLong("runs"))));
    }

    /**
     * A stored lease.
     *
     * @param runs how many times the job started, on all instances together
     */
    public record LeaseRow(String job, String holder, Instant leaseUntil, Optional<Instant> lastRunAt,
            Optional<String> lastRunBy, long runs) {
    }
}
