package org.anju.platform.billing;

import java.time.LocalDate;
import java.util.Objects;

import org.anju.error.ClientError;

/**
 * A contract to sign: a space for a household, for a number of periods of a term from a day.
 *
 * @param resolutionId the approved owners' resolution for a common-area space leased to a
 *                     non-owner household; null otherwise
 */
public record NewContract(String communityId, long spaceId, long householdId, Term term, int periods,
        LocalDate startsOn, Long resolutionId, String createdBy) {

    /** @throws ClientError 400 when the number of periods is not 1 to 120 */
    public NewContract {
        Objects.requireNonNull(communityId, "communityId");
        Objects.requireNonNull(term, "term");
        Objects.requireNonNull(startsOn, "startsOn");
        Objects.requireNonNull(createdBy, "createdBy");
        if (periods < 1 || periods > 120) {
            throw ClientError.badRequest("periods must be 1 to 120, was " + periods);
        }
    }

    /** Returns the first day no longer covered. */
    public LocalDate endsOn() {
        return Proration.periodStart(startsOn, term, periods);
    }
}
