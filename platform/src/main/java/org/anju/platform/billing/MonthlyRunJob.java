package org.anju.platform.billing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.platform.audit.AuditEntry;
import org.anju.platform.jobs.ClusterJobs;
import org.anju.platform.registry.Devices;
import org.anju.platform.storage.UnitOfWork;

/**
 * The scheduled monthly billing run, the cluster-wide job {@value #JOB} (docs/billing.md "Monthly
 * run"): once the month's {@link MonthlyRunSettings#dueAt run time} has passed, each check runs the
 * current month for every community that has no run of it yet, one community per transaction
 * ({@link BillingRuns#run(String, YearMonth, AuditEntry)}, as {@code POST …/billing-runs} does),
 * audited as action {@code billing.run} by actor {@value #ACTOR}. A community whose run fails is
 * logged at error and tried again at the next check; the others go on. Runs being idempotent per
 * community and month, a stalled lease holder that runs beside its successor bills nothing twice.
 */
public final class MonthlyRunJob {

    /** The job's cluster-wide name in {@code job_leases}. */
    public static final String JOB = "billing.monthly-run";
    /** The audit log's actor of what the platform does on its own (as the fire workflow's transitions). */
    public static final String ACTOR = "system";

    private static final Logger LOG = LoggerFactory.getLogger(MonthlyRunJob.class);
    // the first check comes soon after start-up, so that a platform started after the run time bills at once
    private static final Duration FIRST_CHECK = Duration.ofMinutes(1);

    private final UnitOfWork work;
    private final BillingRuns runs;
    private final MonthlyRunSettings settings;
    private final ZoneId zone;
    private final Clock clock;

    /**
     * @param work the unit of work of background jobs (which communities need a run)
     * @param runs the runs, over the administrative unit of work
     * @param zone {@code billing.zone}: where the month and the run time are local
     */
    public MonthlyRunJob(UnitOfWork work, BillingRuns runs, MonthlyRunSettings settings, ZoneId zone, Clock clock) {
        this.work = work;
        this.runs = runs;
        this.settings = settings;
        this.zone = zone;
        this.clock = clock;
    }

    /** Schedules the checks on {@code jobs} when the run is enabled; closing {@code jobs} stops them. */
    public void start(ClusterJobs jobs) {
        if (settings.enabled()) {
            Duration every = settings.checkInterval();
            jobs.schedule(JOB, this::runDue, every.compareTo(FIRST_CHECK) < 0 ? every : FIRST_CHECK, every);
        }
    }

    /**
     * Runs the current month for the communities without a run of it, once its run time has passed.
     *
     * @return the runs this call made, by community id (none before the run time, none once all ran)
     */
    public List<RunResult> runDue() {
        YearMonth month = YearMonth.from(clock.instant().atZone(zone));
        Instant due = settings.dueAt(month, zone);
        if (!settings.enabled() || clock.instant().isBefore(due)) {
            return List.of();
        }
        Map<String, String> unbilled = work.read("monthly billing run", tx -> {
            // a community created after the month's run time is being set up: its first month is
            // billed through the API when it is ready (a run, even of nothing, is final for the month)
            Map<String, String> tenants = new TreeMap<>(Devices.communityTenants(tx, due));
            tenants.keySet().removeAll(InvoiceStore.billedIn(tx, month));
            return tenants;
        });
        List<RunResult> made = new ArrayList<>();
        int failed = 0;
        for (Map.Entry<String, String> community : unbilled.entrySet()) {
            if (Thread.currentThread().isInterrupted()) {
                // the instance is closing: the next holder of the lease bills the rest
                break;
            }
            try {
                made.add(runs.run(community.getKey(), month, AuditEntry.of("billing.run", ACTOR, community.getValue(),
                        null, null).with("job", JOB)));
            } catch (RuntimeException e) {
                if (Thread.currentThread().isInterrupted()) {
                    // cut off by the instance closing, not a failure of the community: nothing of it is kept
                    LOG.info("monthly billing run stopped by shutdown [community: {}, period: {}]", community.getKey(),
                            month);
                    break;
                }
                failed++;
                LOG.error("monthly billing run of a community failed, retried in {} [job: {}, community: {}, period: {}]: {}",
                        settings.checkInterval(), JOB, community.getKey(), month, e.getMessage());
            }
        }
        if (!unbilled.isEmpty()) {
            LOG.info("monthly billing run checked [period: {}, communities run: {}, failed: {}]", month, made.size(),
                    failed);
        }
        return made;
    }
}
