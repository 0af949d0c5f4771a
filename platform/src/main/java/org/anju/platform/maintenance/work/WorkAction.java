package org.anju.platform.maintenance.work;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.anju.error.ClientError;

/**
 * What can be done to a work order, and in which statuses: the work-order state machine, pure. An
 * action out of order is refused with 409 naming the rule.
 */
public enum WorkAction {
    /** Assign (or reassign) to a maintainer company and/or a technician. */
    ASSIGN("assign", EnumSet.of(WorkStatus.OPEN, WorkStatus.ASSIGNED), WorkStatus.ASSIGNED),
    /** The crew arrives on site. */
    START("start", EnumSet.of(WorkStatus.ASSIGNED), WorkStatus.IN_PROGRESS),
    /** Answer checklist items (on site). */
    CHECKLIST("checklist", EnumSet.of(WorkStatus.IN_PROGRESS), null),
    /** Add a note and photo references. */
    NOTE("notes", EnumSet.of(WorkStatus.OPEN, WorkStatus.ASSIGNED, WorkStatus.IN_PROGRESS, WorkStatus.DONE), null),
    /** The work is done (every checklist item answered). */
    DONE("done", EnumSet.of(WorkStatus.IN_PROGRESS), WorkStatus.DONE),
    /** The property company checks the done work. */
    VERIFY("verify", EnumSet.of(WorkStatus.DONE), WorkStatus.VERIFIED),
    /** Close without the work, with a reason. */
    CANCEL("cancel", EnumSet.of(WorkStatus.OPEN, WorkStatus.ASSIGNED, WorkStatus.IN_PROGRESS), WorkStatus.CANCELLED);

    private final String wireName;
    private final Set<WorkStatus> from;
    private final WorkStatus to;

    WorkAction(String wireName, Set<WorkStatus> from, WorkStatus to) {
        this.wireName = wireName;
        this.from = from;
        this.to = to;
    }

    /** Returns the name in the API (the last segment of its path). */
    public String wireName() {
        return wireName;
    }

    /**
     * Returns the status after the action on an order in {@code status} (the same status for an
     * action that records without moving the order).
     *
     * @throws ClientError 409 naming the rule when the action is not allowed in that status
     */
    public WorkStatus apply(long orderId, WorkStatus status) {
        if (!from.contains(status)) {
            throw new ClientError(ClientError.CONFLICT, "work order " + orderId + " is " + status.wireName() + ": "
                    + wireName + " is allowed only when it is " + from.stream().map(WorkStatus::wireName)
                            .collect(Collectors.joining(" or ")));
        }
        return to == null ? status : to;
    }
}
