package org.anju.platform.maintenance.plans;

import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.anju.platform.maintenance.CompletedWork;
import org.anju.platform.maintenance.CompletionListener;
import org.anju.platform.maintenance.WorkSource;
import org.anju.platform.storage.UnitOfWork;

/**
 * Applies completed maintenance, once per work order: the device's usage counters restart at the
 * completion, and the plan the work was for counts its next occurrence from the local day it was
 * done (the 15-day maximum of elevators runs from the last visit). An elevator's quarterly,
 * half-yearly or annual maintenance repeats the half-monthly items, and work that a counter brought
 * forward is the half-monthly maintenance done early: both count as the half-monthly visit too.
 */
public final class PlanCompletions implements CompletionListener {

    private static final Set<PlanKind> ELEVATOR_TIERS = EnumSet.of(PlanKind.ELEVATOR_QUARTERLY,
            PlanKind.ELEVATOR_HALF_YEARLY, PlanKind.ELEVATOR_ANNUAL);

    private final ZoneId zone;
    private final Clock clock;

    /** Returns the listener; days are local to {@code zone} ({@code rollup.dayZone}). */
    public PlanCompletions(ZoneId zone, Clock clock) {
        this.zone = zone;
        this.clock = clock;
    }

    @Override
    public void completed(UnitOfWork.Tx tx, CompletedWork done) throws SQLException {
        boolean first = tx.update("""
                INSERT INTO maintenance_completions (work_order_id, device_id, source_ref, completed_at, applied_at)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT (work_order_id) DO NOTHING""", done.workOrderId(), done.deviceId(),
                done.sourceRef(), done.completedAt(), clock.instant()) > 0;
        if (!first) {
            return;
        }
        Assets.resetCounters(tx, done.deviceId(), done.completedAt());
        LocalDate day = LocalDate.ofInstant(done.completedAt(), zone);
        if (done.source() == WorkSource.COUNTER) {
            Plans.markDone(tx, done.deviceId(), PlanKind.ELEVATOR_HALF_MONTHLY, day);
            return;
        }
        Optional<Long> planId = done.source() == WorkSource.PLAN ? planId(done.sourceRef()) : Optional.empty();
        if (planId.isEmpty()) {
            return;
        }
        Optional<Plan> plan = Plans.get(tx, planId.get());
        if (plan.isEmpty()) {
            // the plan was removed while its work was open: the counters restart, nothing to schedule
            return;
        }
        Plans.markDone(tx, plan.get().id(), day);
        if (ELEVATOR_TIERS.contains(plan.get().kind())) {
            Plans.markDone(tx, done.deviceId(), PlanKind.ELEVATOR_HALF_MONTHLY, day);
        }
    }

    /** Returns the plan id of {@code plan:<id>:<dueOn>}, empty for another reference. */
    static Optional<Long> planId(String sourceRef) {
        String[] parts = sourceRef.split(":");
        if (parts.length != 3 || !parts[0].equals("plan")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(parts[1]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
