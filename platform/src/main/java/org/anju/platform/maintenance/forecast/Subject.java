package org.anju.platform.maintenance.forecast;

import java.util.Locale;

/** What a maintenance forecast is about; each reads one kind of series. */
public enum Subject {
    /** A smoke detector's battery (metric {@code battery}, daily minimum) falling to its floor. */
    BATTERY_DEPLETION,
    /** A smoke chamber's clean-air baseline (metric {@code smokeConcentration}, daily minimum) drifting up to its limit. */
    CHAMBER_DRIFT,
    /** A camera's recording storage (metric {@code storageUsedBytes}, daily maximum) filling up to a share of {@code storageTotalBytes}. */
    DISK_FULL,
    /** A charger connector's temperature (metric {@code connector.<n>.Temperature}, daily maximum) creeping up to its limit. */
    TEMPERATURE_CREEP,
    /** An elevator's door faults (fault events with codes 02, 03, 08, 12, 14) per week rising to a limit. */
    DOOR_FAULTS;

    /** Returns the wire name, e.g. {@code battery_depletion}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
