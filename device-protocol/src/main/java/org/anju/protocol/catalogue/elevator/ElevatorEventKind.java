package org.anju.protocol.catalogue.elevator;

/**
 * The kinds of elevator event (GB/T 24476), sent as the lower-case name in {@code kind}. The
 * service-mode events also report the mode the elevator entered.
 */
public enum ElevatorEventKind {
    /** A GB/T 24476 fault, with its code. */
    FAULT(null),
    /** A passenger is trapped (困人), as the controller or the monitoring unit detected it. */
    ENTRAPMENT(null),
    /** The in-car alarm button was pressed. */
    ALARM_BUTTON(null),
    /** Mains power was lost. */
    POWER_LOST(null),
    BACK_TO_NORMAL(ServiceMode.NORMAL),
    OUT_OF_SERVICE(ServiceMode.OUT_OF_SERVICE),
    INSPECTION(ServiceMode.INSPECTION),
    FIRE_RETURN(ServiceMode.FIRE_RETURN),
    FIREFIGHTER(ServiceMode.FIREFIGHTER),
    EMERGENCY_POWER(ServiceMode.EMERGENCY_POWER),
    EARTHQUAKE(ServiceMode.EARTHQUAKE);

    private final ServiceMode entersMode;

    ElevatorEventKind(ServiceMode entersMode) {
        this.entersMode = entersMode;
    }

    /** Returns the service mode the elevator is in after this event, or null when the event does not change it. */
    public ServiceMode entersMode() {
        return entersMode;
    }
}
