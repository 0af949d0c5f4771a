package org.anju.platform.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.audit.AuditEntry;
import org.anju.platform.jobs.ClusterJobs;
import org.anju.platform.jobs.Leases;
import org.anju.platform.ledger.Ledger;
import org.anju.platform.registry.Registrar;
import org.anju.platform.storage.Database;
import org.anju.platform.storage.UnitOfWork;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.TestClock;
import org.anju.platform.testing.TestDatabases;
import org.anju.platform.testing.TestSql;

/**
 * The scheduled monthly billing run ({@code billing.monthly-run}) on a real database with a clock
 * the test moves: nothing before the month's day and time; after it one run per community, each
 * audited as done by {@code system}, and a second check runs nothing; a community billed through
 * the API is not billed again; a community whose run fails is run at the next check while the
 * others are billed; a disabled run bills nothing and takes no lease; on two instances the job
 * runs once under its lease in {@code job_leases}. Each test bills a month of its own.
 */
@Timeout(120)
class MonthlyRunJobIT {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final String ELM = Fixtures.COMMUNITY;
    private static final String OAK = Fixtures.OTHER_COMMUNITY;
    private static final String ASH = "ash-lane";
    private static final List<String> ALL = List.of(ASH, ELM, OAK);
    /** Due on the 5th at 02:00 Shanghai time, which is the 4th at 18:00 UTC. */
    private static final MonthlyRunSettings ON_THE_5TH = new MonthlyRunSettings(true, 5, LocalTime.of(2, 0),
            Duration.ofMillis(200));
    private static final TestClock CLOCK = new TestClock(Instant.parse("2027-01-01T00:00:00Z"));
    private static final AtomicBoolean OAK_FAILS = new AtomicBoolean();
    /** Fails the run of Oak Yard while {@link #OAK_FAILS} is set (a source the run cannot read). */
    private static final BillableSource FAILING = (tx, community, from, to) -> {
        if (community.equals(OAK) && OAK_FAILS.get()) {
            throw new IllegalStateException("charging source unavailable");
        }
        return List.of();
    };

    private static TestDatabases.TestDatabase db;
    private static Database database;
    private static UnitOfWork work;
    private static BillingRuns runs;

    /** One household of 100.00 m² in each of three communities, property fees of 185 fen a m². */
    @BeforeAll
    static void database() {
        db = TestDatabases.primary().create();
        database = Database.open(db.settings());
        Fixtures fixtures = new Fixtures(database.dataSource());
        fixtures.registrar().community(new Registrar.Community(ASH, Fixtures.TENANT, "Ash Lane", "4 Ash Lane", null,
                null));
        fixtures.registrar().building(new Registrar.Building("oak-b1", OAK, "Building 1", 6, 1));
        fixtures.registrar().building(new Registrar.Building("ash-b1", ASH, "Building 1", 6, 1));
        TestSql.execute(database.dataSource(), """
                INSERT INTO households (id, community_id, building_id, floor, number, private_area_m2) VALUES
                  (1, 'elm-court', 'elm-b1', 1, '101', 100.00), (2, 'oak-yard', 'oak-b1', 1, '101', 100.00),
                  (3, 'ash-lane', 'ash-b1', 1, '101', 100.00)""");
        BillingSettings settings = new BillingSettings(ZONE, Map.of(), 6, 70, 15);
        Tariffs tariffs = Tariffs.create(settings, CLOCK);
        work = database.work();
        work.inTransaction("setup", tx -> {
            for (String community : ALL) {
                tariffs.add(tx, new NewTariff(community, LocalDate.parse("2026-01-01"), new Tariff.PropertyFee(185),
                        "pia"));
            }
            return null;
        });
        runs = BillingRuns.create(work, tariffs, Contracts.create(tariffs, settings, (tx, community, id) -> false, CLOCK),
                Ledger.create(), List.of(FAILING), settings, CLOCK);
    }

    @AfterAll
    static void drop() {
        database.close();
        db.close();
    }

    private static MonthlyRunJob job(MonthlyRunSettings settings) {
        return new MonthlyRunJob(work, runs, settings, ZONE, CLOCK);
    }

    @Test
    void nothingBeforeTheMonthsRunTimeThenOneAuditedRunPerCommunityAndThenNothing() {
        MonthlyRunJob job = job(ON_THE_5TH);
        CLOCK.set(Instant.parse("2027-03-04T17:59:59Z"));
        assertThat(job.runDue()).isEmpty();
        assertThat(billed(YearMonth.of(2027, 3))).isEmpty();

        CLOCK.set(Instant.parse("2027-03-04T18:00:00Z"));
        assertThat(job.runDue()).extracting(RunResult::communityId, RunResult::invoices, RunResult::totalFen,
                RunResult::alreadyRun).containsExactly(org.assertj.core.groups.Tuple.tuple(ASH, 1, 18_500L, false),
                        org.assertj.core.groups.Tuple.tuple(ELM, 1, 18_500L, false),
                        org.assertj.core.groups.Tuple.tuple(OAK, 1, 18_500L, false));

        CLOCK.set(Instant.parse("2027-03-20T00:00:00Z"));
        assertThat(job.runDue()).as("a second check").isEmpty();
        assertThat(billed(YearMonth.of(2027, 3))).containsExactly(ASH, ELM, OAK);
        assertThat(TestSql.rows(database.dataSource(), """
                SELECT tenant_id || ' ' || actor || ' ' || (detail ->> 'job') || ' ' || (detail ->> 'invoices')
                  FROM audit_log WHERE action = 'billing.run' AND target = ?""", "billing-run:" + ELM + ":2027-03"))
                .containsExactly("acme system billing.monthly-run 1");
    }

    @Test
    void aCommunityBilledThroughTheApiIsNotBilledAgain() {
        CLOCK.set(Instant.parse("2027-04-02T00:00:00Z"));
        runs.run(ELM, YearMonth.of(2027, 4), AuditEntry.of("billing.run", "pia", Fixtures.TENANT, "127.0.0.1", null));

        CLOCK.set(Instant.parse("2027-04-05T00:00:00Z"));
        assertThat(job(ON_THE_5TH).runDue()).extracting(RunResult::communityId).containsExactly(ASH, OAK);

        assertThat(TestSql.rows(database.dataSource(), "SELECT count(*) FROM invoices WHERE community_id = ? AND period = ?",
                ELM, LocalDate.parse("2027-04-01"))).containsExactly("1");
        assertThat(TestSql.rows(database.dataSource(), "SELECT actor FROM audit_log WHERE target = ?",
                "billing-run:" + ELM + ":2027-04")).containsExactly("pia");
    }

    @Test
    void aCommunityWhoseRunFailsIsRunAtTheNextCheckWhileTheOthersAreBilled() {
        CLOCK.set(Instant.parse("2027-05-10T00:00:00Z"));
        OAK_FAILS.set(true);
        try {
            assertThat(job(ON_THE_5TH).runDue()).extracting(RunResult::communityId).containsExactly(ASH, ELM);
        } finally {
            OAK_FAILS.set(false);
        }
        assertThat(billed(YearMonth.of(2027, 5))).containsExactly(ASH, ELM);

        assertThat(job(ON_THE_5TH).runDue()).extracting(RunResult::communityId).containsExactly(OAK);
        assertThat(billed(YearMonth.of(2027, 5))).containsExactly(ASH, ELM, OAK);
    }

    @Test
    void disabledBillsNothingAndTakesNoLease() throws InterruptedException {
        CLOCK.set(Instant.parse("2027-06-10T00:00:00Z"));
        MonthlyRunSettings off = new MonthlyRunSettings(false, 5, LocalTime.of(2, 0), Duration.ofMillis(200));
        assertThat(job(off).runDue()).isEmpty();

        Leases leases = new Leases(work, "disabled-instance", Duration.ofSeconds(30), CLOCK);
        try (ClusterJobs jobs = new ClusterJobs("billing", 1, leases, CLOCK)) {
            job(off).start(jobs);
            // a marker job first checked after the billing job would have been: when it has run, so would that
            CountDownLatch marker = new CountDownLatch(1);
            jobs.schedule("test.marker", marker::countDown, Duration.ofMillis(600), Duration.ofHours(1));
            assertThat(marker.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(jobs.held()).containsExactly("test.marker");
        }
        assertThat(billed(YearMonth.of(2027, 6))).isEmpty();
        assertThat(leases.all()).noneMatch(l -> l.job().equals(MonthlyRunJob.JOB) && l.holder().equals("disabled-instance"));
    }

    @Test
    void onTwoInstancesTheJobRunsOnceUnderItsLease() {
        CLOCK.set(Instant.parse("2027-07-06T00:00:00Z"));
        Leases a = new Leases(work, "instance-a", Duration.ofSeconds(30), CLOCK);
        Leases b = new Leases(work, "instance-b", Duration.ofSeconds(30), CLOCK);
        try (ClusterJobs jobsA = new ClusterJobs("billing", 1, a, CLOCK);
                ClusterJobs jobsB = new ClusterJobs("billing", 1, b, CLOCK)) {
            job(ON_THE_5TH).start(jobsA);
            job(ON_THE_5TH).start(jobsB);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(billed(YearMonth.of(2027, 7)))
                    .containsExactly(ASH, ELM, OAK));
            // the clock stands still: the job is not due again, so one run of it holds every community's
            assertThat(a.all()).filteredOn(l -> l.job().equals(MonthlyRunJob.JOB)).singleElement()
                    .satisfies(l -> assertThat(l.runs()).isEqualTo(1))
                    .satisfies(l -> assertThat(l.holder()).isIn("instance-a", "instance-b"));
        }
        assertThat(TestSql.rows(database.dataSource(), "SELECT count(*) FROM audit_log WHERE action = 'billing.run'"
                + " AND target LIKE 'billing-run:%:2027-07'")).containsExactly("3");
    }

    @Test
    void aCommunityCreatedAfterTheMonthsRunTimeIsLeftToTheApiUntilTheNextMonth() {
        // fir-walk is created on 10 August, after August's run time (the 5th, 02:00)
        new Fixtures(database.dataSource()).registrar().community(new Registrar.Community("fir-walk", Fixtures.TENANT,
                "Fir Walk", "9 Fir Walk", null, null));
        TestSql.execute(database.dataSource(),
                "UPDATE communities SET created_at = '2027-08-10T00:00:00Z' WHERE id = 'fir-walk'");
        MonthlyRunJob job = job(ON_THE_5TH);

        CLOCK.set(Instant.parse("2027-08-15T00:00:00Z"));
        job.runDue();
        assertThat(billed(YearMonth.of(2027, 8))).containsExactly(ASH, ELM, OAK);

        CLOCK.set(Instant.parse("2027-09-05T00:00:00Z"));
        job.runDue();
        assertThat(billed(YearMonth.of(2027, 9))).containsExactly(ASH, ELM, "fir-walk", OAK);
    }

    private static List<String> billed(YearMonth month) {
        return TestSql.rows(database.dataSource(), "SELECT community_id FROM billing_runs WHERE period = ? ORDER BY 1",
                LocalDate.parse(month.atDay(1).toString()));
    }
}
