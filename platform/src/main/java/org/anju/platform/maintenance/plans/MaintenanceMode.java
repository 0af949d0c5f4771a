package org.anju.platform.maintenance.plans;

import java.util.Arrays;
import java.util.Optional;

/** How an asset's maintenance is scheduled. */
public enum MaintenanceMode {
    /** By the plans' calendars only. */
    CALENDAR,
    /**
     * On demand (按需维保, allowed in pilots with IoT monitoring): usage counters past their threshold
     * bring the work forward; elevators only (an elevator registered here is remotely monitored).
     */
    ON_DEMAND;

    /** Returns the name in the database and the API. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Finds a mode by its wire name. */
    public static Optional<MaintenanceMode> fromWireName(String name) {
        return Arrays.stream(values()).filter(m -> m.wireName().equals(name)).findFirst();
    }
}
