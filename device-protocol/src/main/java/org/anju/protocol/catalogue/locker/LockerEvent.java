package org.anju.protocol.catalogue.locker;

/**
 * A parcel locker event. Which components a kind carries is in {@code docs/device-catalogue.md};
 * the others are null.
 *
 * @param compartment    the compartment's id
 * @param pickupCode     the code the recipient opens the compartment with (deposit, pickup)
 * @param courier        who deposited (deposit)
 * @param trackingNumber the parcel's waybill number (deposit, optional)
 * @param recipientPhone the recipient's mainland mobile number from the waybill (deposit, optional)
 * @param storedHours    how long the parcel has been stored, in hours (overdue, optional)
 * @param detail         the device's description of a door fault (optional)
 */
public record LockerEvent(
        LockerEventKind kind,
        String compartment,
        String pickupCode,
        String courier,
        String trackingNumber,
        String recipientPhone,
        Double storedHours,
        String detail) {
}
