package org.anju.platform.fund;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The emergencies that let the maintenance fund pay a repair without an owners' vote
 * ({@code DOMAIN.md}: elevator overtravel faults 09/10, failed fire facilities), each with the alert
 * types that can justify it.
 */
public enum Emergency {
    /** An elevator overtravel fault: 09 top, 10 bottom. */
    ELEVATOR_OVERTRAVEL("elevator_overtravel", Set.of("elevator_fault.09", "elevator_fault.10")),
    /** A failed fire facility: a detector or fire panel fault, a panel's power or bus fault. */
    FIRE_FACILITY_FAILED("fire_facility_failed", Set.of("detector_fault", "panel_fault", "panel_bus_fault",
            "panel_main_power_fault", "panel_backup_power_fault"));

    private final String wireName;
    private final Set<String> alertTypes;

    Emergency(String wireName, Set<String> alertTypes) {
        this.wireName = wireName;
        this.alertTypes = alertTypes;
    }

    public String wireName() {
        return wireName;
    }

    /** Returns whether an alert of this type justifies the emergency. */
    public boolean justifiedBy(String alertType) {
        return alertTypes.contains(alertType);
    }

    public static Optional<Emergency> fromWireName(String name) {
        return Arrays.stream(values()).filter(e -> e.wireName.equals(name)).findFirst();
    }
}
