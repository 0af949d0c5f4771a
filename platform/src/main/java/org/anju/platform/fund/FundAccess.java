package org.anju.platform.fund;

import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

import org.anju.error.ClientError;
import org.anju.platform.auth.Principal;
import org.anju.platform.auth.Role;
import org.anju.platform.estate.Households;
import org.anju.platform.registry.Devices;
import org.anju.platform.storage.UnitOfWork;

/**
 * Who may do what with the fund: property administrators of the community (and platform
 * administrators) change it; its staff read its statement; a household's members read its account.
 */
final class FundAccess {

    private final Clock clock;
    private final ZoneId dayZone;

    FundAccess(Clock clock, ZoneId dayZone) {
        this.clock = clock;
        this.dayZone = dayZone;
    }

    void requireManager(Principal user, String communityId) {
        if (!user.has(Role.PLATFORM_ADMIN) && !(user.has(Role.PROPERTY_ADMIN) && user.communityIds().contains(communityId))) {
            throw ClientError.forbidden(user.username() + " may not change the maintenance fund of community '"
                    + communityId + "'");
        }
    }

    void requireStaff(Principal user, String communityId) {
        if (!user.has(Role.PLATFORM_ADMIN) && !user.isStaffOf(communityId)) {
            throw ClientError.forbidden(user.username() + " may not see the maintenance fund of community '"
                    + communityId + "'");
        }
    }

    /**
     * Requires that the user may see the household's fund: its members today, the staff of its
     * community, platform administrators.
     *
     * @throws ClientError 404 for a missing household and for a resident's other households, 403 for
     *                     other users
     */
    void requireHousehold(UnitOfWork.Tx tx, Principal user, long householdId) throws SQLException {
        var household = Households.byId(tx, householdId);
        if (household.isPresent() && (user.has(Role.PLATFORM_ADMIN) || user.isStaffOf(household.get().communityId()))) {
            return;
        }
        if (user.has(Role.RESIDENT) && Households.relationOf(tx, householdId, user.username(),
                LocalDate.ofInstant(clock.instant(), dayZone)).isPresent()) {
            return;
        }
        if (user.has(Role.RESIDENT) || user.has(Role.PLATFORM_ADMIN)) {
            throw ClientError.notFound("no household " + householdId);
        }
        throw ClientError.forbidden(user.username() + " may not see household " + householdId);
    }

    /** Returns the tenant of the community; 404 when there is no such community. */
    static String tenantOf(UnitOfWork.Tx tx, String communityId) throws SQLException {
        return Devices.tenantOfCommunity(tx, communityId)
                .orElseThrow(() -> ClientError.notFound("no community '" + communityId + "'"));
    }
}
