package org.anju.platform.alerts;

import java.util.Set;

import org.anju.error.ClientError;
import org.anju.platform.auth.Principal;
import org.anju.platform.auth.Role;

/**
 * What of the alert data a user may see: platform administrators everything; the fire brigade
 * fire data (alerts of fire facilities, fire cases) of every community and nothing else; property
 * staff (administrators, operators, technicians) everything of their communities; residents nothing.
 *
 * @param communities the communities seen, null for every community
 * @param fireOnly    whether only fire data is seen
 */
public record Scope(Set<String> communities, boolean fireOnly) {

    /**
     * Returns the user's scope.
     *
     * @throws ClientError 403 for users with no part in alerts (residents)
     */
    public static Scope of(Principal user) {
        if (user.has(Role.PLATFORM_ADMIN)) {
            return new Scope(null, false);
        }
        if (isStaff(user)) {
            return new Scope(user.communityIds(), false);
        }
        if (user.has(Role.FIRE_BRIGADE)) {
            return new Scope(null, true);
        }
        throw ClientError.forbidden(user.username() + " may not see alerts");
    }

    /** Returns whether a record of this community, fire data or not, is visible. */
    public boolean sees(String communityId, boolean fire) {
        return (communities == null || communities.contains(communityId)) && (fire || !fireOnly);
    }

    /** Returns the communities as an SQL array parameter, null for every community. */
    public String[] communityArray() {
        return communities == null ? null : communities.toArray(String[]::new);
    }

    /** Returns whether the user may act on a community's alerts and rescues (acknowledge, resolve, record steps). */
    public static boolean mayHandle(Principal user, String communityId) {
        return user.has(Role.PLATFORM_ADMIN) || (isStaff(user) && user.communityIds().contains(communityId));
    }

    /**
     * Returns whether the user may move a community's fire cases through the workflow: the property
     * control room of the community, the fire brigade's monitoring center, platform administrators.
     */
    public static boolean mayHandleFire(Principal user, String communityId) {
        return user.has(Role.FIRE_BRIGADE) || user.has(Role.PLATFORM_ADMIN)
                || (user.communityIds().contains(communityId) && (user.has(Role.OPERATOR) || user.has(Role.PROPERTY_ADMIN)));
    }

    private static boolean isStaff(Principal user) {
        return user.has(Role.PROPERTY_ADMIN) || user.has(Role.OPERATOR) || user.has(Role.TECHNICIAN);
    }
}
