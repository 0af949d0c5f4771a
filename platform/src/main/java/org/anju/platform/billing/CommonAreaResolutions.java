package org.anju.platform.billing;

import java.sql.SQLException;

import org.anju.platform.storage.UnitOfWork;
import org.anju.platform.votes.MotionKind;
import org.anju.platform.votes.Motions;

/**
 * Whether an owners' resolution allows leasing the community's common-area spaces to non-owners
 * (Civil Code 278: changing the use of common parts needs the owners' decision). The votes
 * capability answers it: the platform wires {@link #OWNERS}. See docs/billing.md.
 */
@FunctionalInterface
public interface CommonAreaResolutions {

    /**
     * Allows the lease when the resolution is a motion of the same community of kind
     * {@code common_parts_business}, closed and approved ({@code votes.Motions.approved}).
     */
    CommonAreaResolutions OWNERS = (tx, communityId, resolutionId) -> Motions.approved(tx, resolutionId)
            .filter(r -> r.communityId().equals(communityId) && r.kind() == MotionKind.COMMON_PARTS_BUSINESS)
            .isPresent();

    /** Returns whether the resolution is an approved decision of the community's owners allowing the lease. */
    boolean allowsLease(UnitOfWork.Tx tx, String communityId, long resolutionId) throws SQLException;
}
