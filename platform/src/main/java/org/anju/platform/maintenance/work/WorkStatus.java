package org.anju.platform.maintenance.work;

import java.util.Arrays;
import java.util.Optional;

/** Where a work order is: open → assigned → in progress → done → verified, or cancelled with a reason. */
public enum WorkStatus {
    /** Opened for due work, nobody assigned yet. */
    OPEN("open"),
    /** Assigned to a maintainer company and/or a technician. */
    ASSIGNED("assigned"),
    /** The crew is on site. */
    IN_PROGRESS("in_progress"),
    /** The work is done, its checklist answered; waits for the property company's verification. */
    DONE("done"),
    /** The property company checked the work: closed, counters reset, next occurrence scheduled. */
    VERIFIED("verified"),
    /** Closed without the work, with a reason. */
    CANCELLED("cancelled");

    private final String wireName;

    WorkStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Returns whether the work is still to be done (open, assigned or in progress). */
    public boolean pending() {
        return this == OPEN || this == ASSIGNED || this == IN_PROGRESS;
    }

    public static Optional<WorkStatus> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }
}
