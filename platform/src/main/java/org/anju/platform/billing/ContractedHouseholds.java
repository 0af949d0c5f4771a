package org.anju.platform.billing;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;

import org.anju.platform.parking.ActiveContracts;

/** Parking's view of rental contracts: which households hold one active on a day ({@link Contracts}). */
public final class ContractedHouseholds {

    private ContractedHouseholds() {
    }

    /**
     * Returns the households of the community holding a contract active on the local day (in
     * {@code zone}, {@code billing.zone}) of the instant: signed, started, not ended nor terminated.
     */
    public static ActiveContracts of(Contracts contracts, ZoneId zone) {
        return (tx, communityId, households, at) -> {
            LocalDate day = at.atZone(zone).toLocalDate();
            Set<Long> found = new HashSet<>();
            for (long household : households) {
                if (contracts.ofHouseholdOn(tx, household, day).stream()
                        .anyMatch(c -> c.communityId().equals(communityId))) {
                    found.add(household);
                }
            }
            return Set.copyOf(found);
        };
    }
}
