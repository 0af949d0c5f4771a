package org.anju.platform.billing;

import java.time.LocalDate;

/**
 * A rental contract of a parking space: periods of its term from {@code startsOn}, each at
 * {@code periodFen}, until {@code endsOn} or an earlier {@code terminatedOn} (both exclusive).
 *
 * @param ownerHousehold   whether the household had an owner in the community on the first day
 * @param resolutionId     the owners' resolution allowing a common-area lease to a non-owner; null otherwise
 * @param renewsContractId the contract this one renews; null for a first contract
 */
public record Contract(long id, String communityId, long spaceId, long householdId, boolean ownerHousehold, Term term,
        long periodFen, LocalDate startsOn, LocalDate endsOn, LocalDate terminatedOn, Long resolutionId,
        Long renewsContractId) {

    /** Returns the first day no longer covered: the termination day, else the end. */
    public LocalDate coveredUntil() {
        return terminatedOn != null ? terminatedOn : endsOn;
    }

    /** Returns whether the contract covers the day. */
    public boolean covers(LocalDate day) {
        return !day.isBefore(startsOn) && day.isBefore(coveredUntil());
    }
}
