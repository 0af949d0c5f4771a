package org.anju.protocol.catalogue.locker;

/** The state of a locker compartment, sent as {@code empty}, {@code occupied}, {@code door_open} or {@code fault}. */
public enum CompartmentState {
    EMPTY,
    OCCUPIED,
    DOOR_OPEN,
    FAULT
}
