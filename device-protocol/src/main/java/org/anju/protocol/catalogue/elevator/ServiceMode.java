package org.anju.protocol.catalogue.elevator;

/**
 * The service mode of an elevator (GB/T 24476 real-time status), sent as the lower-case name:
 * {@code normal}, {@code inspection}, {@code fire_return}, ...
 */
public enum ServiceMode {
    NORMAL,
    /** Inspection (maintenance) operation: the car runs only under a technician's control. */
    INSPECTION,
    /** Fire emergency return: the car returns to the designated floor and parks with doors open. */
    FIRE_RETURN,
    /** Firefighter operation. */
    FIREFIGHTER,
    /** Running on emergency power. */
    EMERGENCY_POWER,
    /** Earthquake operation. */
    EARTHQUAKE,
    OUT_OF_SERVICE
}
