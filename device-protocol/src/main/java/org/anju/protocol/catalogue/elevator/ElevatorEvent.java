package org.anju.protocol.catalogue.elevator;

/**
 * An elevator event. Which components a kind carries is in {@code docs/device-catalogue.md}; the
 * others are null.
 *
 * @param floor            the car's floor when it happened, if sent
 * @param fault            the fault, for {@link ElevatorEventKind#FAULT} only
 * @param detail           the device's free-text detail of a fault, if sent
 * @param doorZone         for an entrapment: whether the car stopped inside a door zone, if sent
 * @param passengerPresent for an alarm button: whether a passenger is in the car, if sent
 * @param trappedSeconds   for an entrapment: how long the passenger has been trapped, if sent
 */
public record ElevatorEvent(
        ElevatorEventKind kind,
        Integer floor,
        ElevatorFault fault,
        String detail,
        Boolean doorZone,
        Boolean passengerPresent,
        Integer trappedSeconds) {
}
