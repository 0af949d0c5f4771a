package org.anju.platform.maintenance.plans;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The usage counters since the last completed maintenance (docs/maintenance.md "Usage counters"),
 * each from stored telemetry: a cumulative device counter's increase (restarts from 0 recognised),
 * or a count of events.
 */
public enum UsageCounter {
    ELEVATOR_TRIPS(AssetKind.ELEVATOR, List.of("trips"), List.of(), 1),
    ELEVATOR_DOOR_CYCLES(AssetKind.ELEVATOR, List.of("doorCycles"), List.of(), 1),
    ELEVATOR_RUN_HOURS(AssetKind.ELEVATOR, List.of("runHours"), List.of(), 1),
    /** The connectors' energy registers (Wh), summed, in kWh. */
    CHARGER_ENERGY_KWH(AssetKind.EV_CHARGER, List.of("connector.%.Energy.Active.Import.Register"), List.of(), 0.001),
    /** Sessions started on any connector. */
    CHARGER_SESSIONS(AssetKind.EV_CHARGER, List.of(), List.of("session_started"), 1),
    /** Plug-in cycles of the busiest connector (sessions started on it). */
    CHARGER_CONNECTOR_CYCLES(AssetKind.EV_CHARGER, List.of(), List.of("session_started"), 1),
    /** Compartment door cycles: each deposit and each pickup opens and closes a door. */
    LOCKER_DOOR_CYCLES(AssetKind.PARCEL_LOCKER, List.of(), List.of("deposit", "pickup"), 1);

    private final AssetKind assetKind;
    private final List<String> metricPatterns;
    private final List<String> eventKinds;
    private final double scale;

    UsageCounter(AssetKind assetKind, List<String> metricPatterns, List<String> eventKinds, double scale) {
        this.assetKind = assetKind;
        this.metricPatterns = metricPatterns;
        this.eventKinds = eventKinds;
        this.scale = scale;
    }

    /** Returns the name in the API, the settings and the database. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Finds a counter by its wire name. */
    public static Optional<UsageCounter> fromWireName(String name) {
        return Arrays.stream(values()).filter(c -> c.wireName().equals(name)).findFirst();
    }

    public AssetKind assetKind() {
        return assetKind;
    }

    /** Returns the cumulative metrics (SQL {@code LIKE} patterns) it sums; empty for an event count. */
    public List<String> metricPatterns() {
        return metricPatterns;
    }

    /** Returns the event kinds it counts; empty for a cumulative counter. */
    public List<String> eventKinds() {
        return eventKinds;
    }

    /** Returns the factor from the stored unit to the counter's. */
    public double scale() {
        return scale;
    }
}
