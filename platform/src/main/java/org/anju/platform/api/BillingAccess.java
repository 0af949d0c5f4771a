package org.anju.platform.api;

import org.anju.error.ClientError;
import org.anju.platform.auth.Principal;
import org.anju.platform.auth.Role;
import org.anju.platform.registry.DeviceRegistry;

/**
 * Who may see and change a community's money (tariffs, contracts, invoices, the ledger), checked
 * before existence is revealed: platform administrators everywhere; property administrators in
 * their communities (read and change); operators in theirs (read). Technicians, the fire brigade
 * and residents (through these staff routes) nothing.
 * <p>
 * Methods block on JDBC: call them from a worker.
 */
final class BillingAccess {

    private BillingAccess() {
    }

    /**
     * Requires that the user may read the community's billing data and that it exists.
     *
     * @throws ClientError 403 when the user may not, 404 when it does not exist (to platform admins)
     */
    static void requireReader(Principal user, DeviceRegistry registry, String communityId) {
        boolean staff = user.communityIds().contains(communityId)
                && (user.has(Role.PROPERTY_ADMIN) || user.has(Role.OPERATOR));
        CommunityAccess.require(staff || user.has(Role.PLATFORM_ADMIN), user, registry, communityId,
                "the billing of community");
    }

    /**
     * Requires that the user may change the community's billing data (tariffs, contracts) and that it exists.
     *
     * @throws ClientError 403 when the user may not, 404 when it does not exist (to platform admins)
     */
    static void requireAdministrator(Principal user, DeviceRegistry registry, String communityId) {
        boolean admin = user.communityIds().contains(communityId) && user.has(Role.PROPERTY_ADMIN);
        CommunityAccess.require(admin || user.has(Role.PLATFORM_ADMIN), user, registry, communityId,
                "billing changes of community");
    }
}
