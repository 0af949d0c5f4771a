package org.anju.simulator.incident;

/**
 * What a scenario can make a simulated device do. A device refuses kinds that make no sense for
 * its type (an entrapment in a smoke detector) with an {@link IllegalArgumentException}.
 */
public enum IncidentKind {
    /** Smoke detector or fire panel: fire alarm (a panel reports it for a detector address). */
    FIRE,
    /** Smoke or panel alarm without a fire (dust, steam); cleared after the duration. */
    FALSE_ALARM,
    /** Elevator: passengers trapped in the car until released (command or duration). */
    ENTRAPMENT,
    /** Any device: stops talking (no keepalives, disconnected) for the duration. */
    OUTAGE,
    /** Any device: reports a fault; {@code errorCode} / {@code code} in the params. */
    FAULT,
    /** Camera or detector: tamper. */
    TAMPER,
    /** Smoke detector: battery drops below the low-battery threshold. */
    LOW_BATTERY,
    /** Parcel locker: a day of several times the usual deposits. */
    PEAK_PARCELS,
    /**
     * Elevator: its doors wear from now on ({@code faultsPer10kCycles}, {@code cyclesPastOnset},
     * {@code failureCycles}; see the elevator's door wear in docs/simulators.md).
     */
    DOOR_WEAR
}
