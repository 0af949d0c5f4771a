package org.anju.platform.maintenance.plans;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.platform.maintenance.DueWork;
import org.anju.platform.maintenance.WorkOrderSink;
import org.anju.platform.maintenance.WorkSource;
import org.anju.platform.storage.UnitOfWork;

/**
 * The daily plan run: opens a work order ({@link WorkOrderSink#open}) for each plan whose next
 * occurrence is within its lead time, once per occurrence ({@code plan:<id>:<dueOn>}; the sink is
 * idempotent too). Orders are opened in transactions of {@value #BATCH} plans, each with the marks
 * of the occurrences it opened, so a run that fails half-way is finished by the next.
 */
public final class PlanRun {

    /** Plans per transaction. */
    static final int BATCH = 500;

    private static final Logger LOG = LoggerFactory.getLogger(PlanRun.class);
    private static final String WHAT = "maintenance plans";

    private final UnitOfWork work;
    private final WorkOrderSink sink;

    /** Returns a run over the database of {@code work}, opening work through {@code sink}. */
    public PlanRun(UnitOfWork work, WorkOrderSink sink) {
        this.work = work;
        this.sink = sink;
    }

    /** What a run did. */
    public record Result(int plans, int opened, long millis) {
    }

    /** Runs for the local day {@code today}; blocks on JDBC (call it from a worker). */
    public Result run(LocalDate today) {
        long started = System.nanoTime();
        List<DueWork> due = new ArrayList<>();
        List<Plan> duePlans = new ArrayList<>();
        int plans = work.read(WHAT, tx -> {
            List<Plan> all = Plans.all(tx);
            Map<String, Asset> assets = Assets.of(tx, all.stream().map(Plan::deviceId).distinct().toList());
            for (Plan plan : all) {
                Asset asset = assets.get(plan.deviceId());
                PlanRules.nextDue(plan, asset).filter(day -> opensOn(plan, day, today)).ifPresent(day -> {
                    duePlans.add(plan);
                    due.add(dueWork(plan, day));
                });
            }
            return all.size();
        });
        for (int from = 0; from < due.size(); from += BATCH) {
            List<DueWork> batch = due.subList(from, Math.min(due.size(), from + BATCH));
            List<Plan> batchPlans = duePlans.subList(from, from + batch.size());
            work.inTransaction(WHAT, tx -> {
                for (DueWork w : batch) {
                    sink.open(tx, w);
                }
                Plans.markOpened(tx, batchPlans.stream().map(Plan::id).toList(),
                        batch.stream().map(DueWork::dueOn).toList());
                return null;
            });
        }
        Result result = new Result(plans, due.size(), (System.nanoTime() - started) / 1_000_000);
        LOG.info("maintenance plan run [day: {}, plans: {}, opened: {}, ms: {}]", today, result.plans(),
                result.opened(), result.millis());
        return result;
    }

    /** Whether the occurrence due on {@code day} opens today: within the lead time and not opened yet. */
    static boolean opensOn(Plan plan, LocalDate day, LocalDate today) {
        return !today.isBefore(day.minusDays(plan.leadDays())) && !day.equals(plan.openedDueOn());
    }

    /** Returns the due work of the plan's occurrence due on {@code day}. */
    static DueWork dueWork(Plan plan, LocalDate day) {
        return new DueWork(plan.communityId(), plan.deviceId(), WorkSource.PLAN, plan.sourceRef(day), day,
                plan.kind().wireName().replace('_', ' ') + " due " + day, plan.checklist(), plan.minCrew(), false, null);
    }
}
