package org.anju.platform.estate;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.anju.error.ClientError;
import org.anju.platform.auth.Principal;
import org.anju.platform.auth.Role;
import org.anju.platform.estate.Households.Household;
import org.anju.platform.estate.Households.Membership;
import org.anju.platform.storage.UnitOfWork;

/**
 * Who may read a household, decided per request from the estate tables (the principal carries no
 * households: a membership that ends or starts takes effect at once). Every resident route asks it.
 * <ul>
 * <li>A resident reads the households they belong to on the day, as owner or tenant; any other
 *     household, existing or not, answers 404, so that a resident learns nothing of other
 *     households, not even that an id exists.</li>
 * <li>Property administrators and control-room operators of the household's community (who handle
 *     parking and see plates) and platform administrators read every household of it; other
 *     staff, the fire brigade and staff of other communities get 403.</li>
 * </ul>
 */
public final class ResidentAccess {

    private ResidentAccess() {
    }

    /** Returns whether the user may read the people and places of the whole community (staff, platform admins). */
    public static boolean mayReadCommunity(Principal user, String communityId) {
        return user.has(Role.PLATFORM_ADMIN) || user.maySeePersonalDataOf(communityId);
    }

    /**
     * Requires that the user may read the community's people and places.
     *
     * @throws ClientError 403 when they may not
     */
    public static void requireCommunity(Principal user, String communityId) {
        if (!mayReadCommunity(user, communityId)) {
            throw ClientError.forbidden(user.username() + " may not see the households of community '" + communityId
                    + "' (its property administrators and operators do)");
        }
    }

    /** Returns the households the user belongs to on the day, with the relation. */
    public static List<Membership> householdsOf(UnitOfWork.Tx tx, Principal user, LocalDate day) throws SQLException {
        return user.has(Role.RESIDENT) ? Households.ofUser(tx, user.username(), day) : List.of();
    }

    /**
     * Returns the household if the user may read it.
     *
     * @return the membership through which a resident reads it; empty for staff
     * @throws ClientError 404 for a resident who does not belong to it (or when it does not exist);
     *                     403 for staff of another community (or when it does not exist and they do
     *                     not see every community)
     */
    public static Optional<Membership> requireHousehold(UnitOfWork.Tx tx, Principal user, long householdId,
            LocalDate day) throws SQLException {
        Optional<Household> household = Households.byId(tx, householdId);
        if (household.isPresent() && mayReadCommunity(user, household.get().communityId())) {
            return Optional.empty();
        }
        Optional<Membership> own = householdsOf(tx, user, day).stream()
                .filter(m -> m.household().id() == householdId).findFirst();
        if (own.isPresent()) {
            return own;
        }
        if (user.has(Role.RESIDENT) || user.has(Role.PLATFORM_ADMIN)) {
            throw ClientError.notFound("no household " + householdId);
        }
        throw ClientError.forbidden(user.username() + " may not see household " + householdId);
    }
}
