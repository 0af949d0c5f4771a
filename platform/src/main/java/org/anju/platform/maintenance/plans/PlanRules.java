package org.anju.platform.maintenance.plans;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.anju.error.ClientError;

/**
 * The rules of maintenance plans (pure): what a plan may ask for, and when its next occurrence is
 * due. A plan that breaks a rule is refused with 400 (409 when it is the schedule, against what was
 * already done), the message starting {@code rule <name>:} so a client can tell which rule.
 * <p>
 * The next occurrence counts from the last one done (the 15-day maximum of elevators runs from the
 * last visit, not from the calendar); before the first, it is the plan's start day. Month intervals
 * keep the day of the month where it exists and take the month's last day otherwise (31 Jan + 1
 * month = 28 or 29 Feb).
 */
public final class PlanRules {

    /** The longest lead time, in days, a plan may open its work ahead. */
    public static final int MAX_LEAD_DAYS = 90;
    /** The most days before the inspection an application may be planned. */
    static final int MAX_DAYS_BEFORE_INSPECTION = 180;

    private PlanRules() {
    }

    /**
     * Checks a plan for an asset.
     *
     * @throws ClientError 400 naming the field or the rule it breaks; 409 for an inspection
     *                     application on an asset without a next inspection date
     */
    public static void check(PlanSpec spec, Asset asset) {
        PlanKind kind = spec.kind();
        if (kind.assetKind() != asset.kind()) {
            throw broken(ClientError.BAD_REQUEST, "plan.asset_kind", "a " + kind.wireName() + " plan is for "
                    + kind.assetKind().wireName() + " assets; device '" + asset.deviceId() + "' is a "
                    + asset.kind().wireName());
        }
        checkEvery(kind, spec.every());
        if (spec.minCrew() < kind.minCrew()) {
            throw broken(ClientError.BAD_REQUEST, "crew.at_least_" + kind.minCrew(), kind.wireName()
                    + " needs at least " + kind.minCrew() + " people on site, not " + spec.minCrew());
        }
        if (spec.leadDays() < 0 || spec.leadDays() > MAX_LEAD_DAYS) {
            throw ClientError.badRequest("leadDays must be between 0 and " + MAX_LEAD_DAYS + ": " + spec.leadDays());
        }
        if (spec.checklist().isEmpty()) {
            throw ClientError.badRequest("checklist must name at least one item");
        }
        for (String item : spec.checklist()) {
            if (!Checklists.belongsTo(item, asset.kind())) {
                throw broken(ClientError.BAD_REQUEST, "checklist.asset_kind", "item '" + item
                        + "' is not a checklist item of " + asset.kind().wireName() + " assets");
            }
        }
        if (kind.unit() == PlanKind.Unit.DAYS_BEFORE_INSPECTION && asset.nextInspectionOn() == null) {
            throw broken(ClientError.CONFLICT, kind.rule(), "device '" + asset.deviceId()
                    + "' has no next inspection date to apply for");
        }
    }

    /**
     * Checks a plan's start (its next occurrence when rescheduled) against the last occurrence done.
     *
     * @throws ClientError 409 naming the rule when the start is further from the last one done than the rule allows
     */
    public static void checkSchedule(PlanSpec spec, LocalDate lastDoneOn) {
        PlanKind kind = spec.kind();
        if (lastDoneOn == null || kind.unit() == PlanKind.Unit.DAYS_BEFORE_INSPECTION) {
            return;
        }
        LocalDate latest = after(kind, kind.maxEvery(), lastDoneOn);
        if (spec.startOn().isAfter(latest)) {
            throw broken(ClientError.CONFLICT, kind.rule(), "the next " + kind.wireName() + " on " + spec.startOn()
                    + " is after " + latest + ", the latest the rule allows after the last one done on " + lastDoneOn);
        }
    }

    /** Returns the day the plan's next occurrence is due; empty for an inspection application without an inspection date. */
    public static Optional<LocalDate> nextDue(Plan plan, Asset asset) {
        PlanKind kind = plan.kind();
        if (kind.unit() == PlanKind.Unit.DAYS_BEFORE_INSPECTION) {
            LocalDate inspection = asset.nextInspectionOn();
            if (inspection == null) {
                return Optional.empty();
            }
            // the application for this inspection was made once done within the year before it
            if (plan.lastDoneOn() != null && !plan.lastDoneOn().isBefore(inspection.minusYears(1))) {
                inspection = inspection.plusYears(1);
            }
            return Optional.of(inspection.minusDays(plan.every()));
        }
        LocalDate last = plan.lastDoneOn();
        if (last == null || plan.startOn().isAfter(last)) {
            return Optional.of(plan.startOn());
        }
        return Optional.of(after(kind, plan.every(), last));
    }

    /** Returns the next {@code count} due days, each assumed done on its due day (the calendar). */
    public static List<LocalDate> occurrences(Plan plan, Asset asset, int count) {
        List<LocalDate> days = new ArrayList<>();
        Plan next = plan;
        for (int i = 0; i < count; i++) {
            Optional<LocalDate> due = nextDue(next, asset);
            if (due.isEmpty()) {
                break;
            }
            days.add(due.get());
            next = new Plan(next.id(), next.communityId(), next.deviceId(), next.kind(), next.every(), next.startOn(),
                    next.leadDays(), next.checklist(), next.minCrew(), due.get(), next.openedDueOn());
        }
        return days;
    }

    /** Returns the day {@code every} units of the kind after {@code day}. */
    static LocalDate after(PlanKind kind, int every, LocalDate day) {
        return kind.unit() == PlanKind.Unit.MONTHS ? day.plusMonths(every) : day.plusDays(every);
    }

    private static void checkEvery(PlanKind kind, int every) {
        if (kind.unit() == PlanKind.Unit.DAYS_BEFORE_INSPECTION) {
            if (every < kind.maxEvery()) {
                throw broken(ClientError.BAD_REQUEST, kind.rule(), "the application is due at least "
                        + kind.maxEvery() + " days before the inspection, not " + every);
            }
            if (every > MAX_DAYS_BEFORE_INSPECTION) {
                throw ClientError.badRequest("every must be at most " + MAX_DAYS_BEFORE_INSPECTION
                        + " days before the inspection: " + every);
            }
            return;
        }
        if (every < 1) {
            throw ClientError.badRequest("every must be at least 1: " + every);
        }
        if (every > kind.maxEvery()) {
            throw broken(ClientError.BAD_REQUEST, kind.rule(), kind.wireName() + " at most every " + kind.maxEvery()
                    + " " + kind.unit().wireName() + ", not " + every);
        }
    }

    private static ClientError broken(int status, String rule, String detail) {
        return new ClientError(status, "rule " + rule + ": " + detail);
    }
}
