package org.anju.platform.maintenance.plans;

import java.util.EnumMap;
import java.util.Map;

/**
 * The platform-wide settings of plans and counters ({@code maintenance.plans} in anju-defaults.yaml).
 *
 * @param counterThresholds the default threshold of each usage counter (a community may set its own)
 */
public record PlansSettings(Map<UsageCounter, Double> counterThresholds) {

    public PlansSettings {
        if (!counterThresholds.keySet().containsAll(java.util.EnumSet.allOf(UsageCounter.class))) {
            throw new IllegalArgumentException("every usage counter needs a default threshold");
        }
        counterThresholds = Map.copyOf(new EnumMap<>(counterThresholds));
    }

    /** Returns the documented defaults (anju-defaults.yaml). */
    public static PlansSettings defaults() {
        Map<UsageCounter, Double> t = new EnumMap<>(UsageCounter.class);
        t.put(UsageCounter.ELEVATOR_TRIPS, 6_000.0);
        t.put(UsageCounter.ELEVATOR_DOOR_CYCLES, 12_000.0);
        t.put(UsageCounter.ELEVATOR_RUN_HOURS, 120.0);
        t.put(UsageCounter.CHARGER_ENERGY_KWH, 5_000.0);
        t.put(UsageCounter.CHARGER_SESSIONS, 500.0);
        t.put(UsageCounter.CHARGER_CONNECTOR_CYCLES, 300.0);
        t.put(UsageCounter.LOCKER_DOOR_CYCLES, 10_000.0);
        return new PlansSettings(t);
    }
}
