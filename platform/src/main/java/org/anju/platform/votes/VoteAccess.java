package org.anju.platform.votes;

import org.anju.error.ClientError;
import org.anju.platform.auth.Principal;
import org.anju.platform.auth.Role;

/**
 * Who may do what with owners' votes: property administrators of the community (and platform
 * administrators) draft and open motions; its staff see every motion with its running count;
 * residents (members of a household of the community) see opened motions, the result once closed, and the ballots of the
 * households they own.
 */
final class VoteAccess {

    private VoteAccess() {
    }

    static boolean mayManage(Principal user, String communityId) {
        return user.has(Role.PLATFORM_ADMIN)
                || (user.has(Role.PROPERTY_ADMIN) && user.communityIds().contains(communityId));
    }

    static boolean isStaff(Principal user, String communityId) {
        return user.has(Role.PLATFORM_ADMIN) || user.isStaffOf(communityId);
    }

    /**
     * Returns whether the user sees the motion at all.
     *
     * @param resident whether the user belongs to a household of the motion's community today
     */
    static boolean sees(Principal user, MotionStore.Row motion, boolean resident) {
        return isStaff(user, motion.communityId()) || (resident && !"draft".equals(motion.status()));
    }

    /** 404 for those who see every community, else 403, so that ids of others' motions reveal nothing. */
    static ClientError hidden(Principal user, long motionId) {
        return user.has(Role.PLATFORM_ADMIN) ? ClientError.notFound("no motion " + motionId)
                : ClientError.forbidden(user.username() + " may not see motion " + motionId);
    }
}
