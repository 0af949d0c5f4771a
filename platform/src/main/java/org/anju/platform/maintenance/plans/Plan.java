package org.anju.platform.maintenance.plans;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A stored maintenance plan: its rule, and the last occurrence done (the next follows from them,
 * {@link PlanRules#nextDue}).
 *
 * @param every       the interval in the kind's {@link PlanKind#unit() unit}
 * @param startOn     the first occurrence, or a rescheduled next one
 * @param leadDays    the work order opens this many days before the due day
 * @param lastDoneOn  the local day the last occurrence was done, null before the first
 * @param openedDueOn the due day whose work order was opened last, null before the first
 */
public record Plan(long id, String communityId, String deviceId, PlanKind kind, int every, LocalDate startOn,
        int leadDays, List<String> checklist, int minCrew, LocalDate lastDoneOn, LocalDate openedDueOn) {

    public Plan {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(startOn, "startOn");
        checklist = List.copyOf(checklist);
    }

    /** Returns the {@link org.anju.platform.maintenance.DueWork#sourceRef()} of its occurrence due on {@code dueOn}. */
    public String sourceRef(LocalDate dueOn) {
        return "plan:" + id + ":" + dueOn;
    }
}
