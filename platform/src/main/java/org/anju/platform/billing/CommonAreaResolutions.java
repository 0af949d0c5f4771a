package org.anju.platform.billing;

import java.sql.SQLException;

import org.anju.platform.storage.UnitOfWork;

/**
 * Whether an owners' resolution allows leasing the community's common-area spaces to non-owners
 * (Civil Code 278: changing the use of common parts needs the owners' decision). The votes
 * capability answers it; until its branch is merged the platform wires {@link #UNCHECKED}, and
 * the merge must wire {@code votes.Motions.approved(tx, id)} (an approved, frozen resolution of
 * the community whose kind is leasing common-area spaces) instead. See docs/billing.md.
 */
@FunctionalInterface
public interface CommonAreaResolutions {

    /** Accepts any resolution id: the contract stores it for the owners' API to check. */
    CommonAreaResolutions UNCHECKED = (tx, communityId, resolutionId) -> true;

    /** Returns whether the resolution is an approved decision of the community's owners allowing the lease. */
    boolean allowsLease(UnitOfWork.Tx tx, String communityId, long resolutionId) throws SQLException;
}
