package org.anju.platform.parcels;

import java.time.Instant;

/**
 * A parcel as the API shows it.
 *
 * @param householdId     the household it is for; null when no registered phone matched (unmatched)
 * @param state           {@code waiting}, {@code overdue} or {@code picked_up}
 * @param overdue         whether it is still in the locker past its free period (or the locker said so)
 * @param location        where the locker is: its location, building and the community's address
 * @param trackingNumber  the waybill number, for staff only (null for residents)
 * @param pickupCode      the code that opens the compartment: only for the resident's own parcel while it
 *                        is in the locker, never for staff
 * @param feeFen          the overdue fee so far (at pickup: the fee due), by the community's own tariff; 0 without one
 */
public record ParcelView(long id, String communityId, Long householdId, String deviceId, String compartment,
        Location location, String courier, String trackingNumber, Instant depositedAt, Instant freeUntil, String state,
        boolean overdue, Instant pickedUpAt, long feeFen, String pickupCode) {

    /** Where the locker stands. */
    public record Location(String location, String building, Integer floor, String community, String address) {
    }
}
