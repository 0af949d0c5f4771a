package org.anju.protocol.catalogue.locker;

/** The kinds of parcel locker event, sent as the lower-case name in {@code kind}. */
public enum LockerEventKind {
    /** A courier put a parcel in a compartment. */
    DEPOSIT,
    /** The recipient took the parcel out with the pickup code. */
    PICKUP,
    /** A parcel stayed past the free storage period. */
    OVERDUE,
    /** A compartment door failed to open, close or lock. */
    DOOR_FAULT
}
