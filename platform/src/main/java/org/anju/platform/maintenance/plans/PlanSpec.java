package org.anju.platform.maintenance.plans;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** A plan as asked for (created or changed), before {@link PlanRules#check} accepts it. */
public record PlanSpec(PlanKind kind, int every, LocalDate startOn, int leadDays, List<String> checklist,
        int minCrew) {

    public PlanSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(startOn, "startOn");
        checklist = List.copyOf(checklist);
    }

    /** Returns the spec of a kind with its defaults, starting on {@code startOn}. */
    public static PlanSpec defaults(PlanKind kind, LocalDate startOn) {
        return new PlanSpec(kind, kind.defaultEvery(), startOn, kind.defaultLeadDays(), Checklists.defaults(kind),
                kind.minCrew());
    }
}
