package org.anju.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.storage.Database;
import org.anju.platform.testing.TestClock;
import org.anju.platform.testing.TestDatabases;

/**
 * Two instances on one database schedule the same cluster-wide job; the test drives each
 * instance's checks itself ({@link ClusterJobs#checkNow}) on a clock it moves, so that every
 * lease and period is decided without waiting. The schedules' own first checks are an hour
 * away (real time) and never come.
 */
@Timeout(120)
class ClusterJobsIT {

    private static final String JOB = "test.rollup";
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration EVERY = Duration.ofMinutes(1);
    private static final Duration NEVER = Duration.ofHours(1);

    private final TestClock clock = new TestClock(Instant.parse("2026-12-05T08:00:00Z"));
    private TestDatabases.TestDatabase db;
    private Database database;
    private Instance a;
    private Instance b;

    /** One platform instance: its leases, its jobs, and how often the job ran there. */
    private final class Instance implements AutoCloseable {
        final Leases leases;
        final ClusterJobs jobs;
        final AtomicInteger runs = new AtomicInteger();

        Instance(String id) {
            leases = new Leases(database.work(), id, LEASE, clock);
            jobs = new ClusterJobs("test-" + id, 1, leases, clock);
            jobs.schedule(JOB, runs::incrementAndGet, NEVER, EVERY);
        }

        void check() {
            jobs.checkNow(JOB);
        }

        @Override
        public void close() {
            jobs.close();
        }
    }

    @BeforeEach
    void twoInstancesOnOneDatabase() {
        db = TestDatabases.primary().create();
        database = Database.open(db.settings());
        a = new Instance("a");
        b = new Instance("b");
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
        database.close();
        db.close();
    }

    @Test
    void aJobRunsOncePerPeriodOnTheInstanceHoldingItsLease() {
        // GIVEN a took the lease first
        a.check();
        b.check();
        assertThat(a.jobs.held()).containsExactly(JOB);
        assertThat(b.jobs.held()).isEmpty();

        // WHEN both check every 15 s for ten minutes (a renews its lease with each check)
        for (int i = 0; i < 40; i++) {
            clock.advance(Duration.ofSeconds(15));
            a.check();
            b.check();
        }

        // THEN the job ran once a minute, all on a: at 0 s and then at every whole minute
        assertThat(a.runs).hasValue(11);
        assertThat(b.runs).hasValue(0);
        Leases.LeaseRow row = a.leases.all().getFirst();
        assertThat(row.holder()).isEqualTo("a");
        assertThat(row.runs()).isEqualTo(11);
        assertThat(row.lastRunAt()).contains(clock.instant());
    }

    @Test
    void aKilledHoldersJobIsTakenOverWhenItsLeaseEndsAndRunsWhenItsPeriodIsOver() {
        a.check();
        assertThat(a.runs).hasValue(1);
        Instant ranAt = clock.instant();

        // a is killed: no more checks, no renewal, nothing released
        a.jobs.crash();

        // within the lease b may not take the job ...
        clock.advance(LEASE.minusSeconds(1));
        b.check();
        assertThat(b.jobs.held()).isEmpty();

        // ... once the lease has ended it takes it, but runs it only when a minute has passed since a ran it
        clock.advance(Duration.ofSeconds(1));
        b.check();
        assertThat(b.jobs.held()).containsExactly(JOB);
        assertThat(b.runs).hasValue(0);

        clock.set(ranAt.plus(EVERY));
        b.check();
        assertThat(b.runs).hasValue(1);
        Leases.LeaseRow row = b.leases.all().getFirst();
        assertThat(row.holder()).isEqualTo("b");
        assertThat(row.lastRunBy()).contains("b");
        assertThat(row.runs()).isEqualTo(2);
    }

    @Test
    void aHolderThatStalledPastItsLeaseDoesNotRunTheJobAgain() {
        a.check();
        // a stalls (a long pause) while b takes over and runs the job a period later
        clock.advance(EVERY);
        b.check();
        assertThat(b.runs).hasValue(1);

        // a wakes up: the lease is b's, so a neither runs the job nor keeps believing it holds it
        a.check();
        assertThat(a.runs).hasValue(1);
        assertThat(a.jobs.held()).isEmpty();
        assertThat(a.leases.renew(java.util.List.of(JOB))).as("a renews no lease it lost").isZero();
    }

    @Test
    void aClosedInstanceHandsItsJobOverAtOnce() {
        a.check();
        a.close();

        b.check();

        assertThat(b.jobs.held()).as("taken without waiting for the lease to end").containsExactly(JOB);
        assertThat(b.runs).as("not run again within the period a ran it in").hasValue(0);
    }
}
