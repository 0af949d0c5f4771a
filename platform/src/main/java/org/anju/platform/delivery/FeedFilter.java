package org.anju.platform.delivery;

import java.util.Optional;
import java.util.Set;

import org.anju.platform.auth.Principal;
import org.anju.platform.auth.Role;

/**
 * Which notifications a user may read: platform administrators all; the fire brigade every fire
 * notification, city-wide; property staff those of their communities, and property administrators
 * also their company's notifications that concern no single community; residents none.
 * <p>
 * The same rule is applied in memory ({@link #matches}) and in SQL ({@link NotificationReader}).
 *
 * @param tenantLevelOf the tenant whose community-less notifications are visible; null for none
 */
public record FeedFilter(boolean all, boolean fire, Set<String> communities, String tenantLevelOf) {

    /** Every notification: for platform administrators and the webhook dispatcher. */
    public static final FeedFilter ALL = new FeedFilter(true, false, Set.of(), null);

    public FeedFilter {
        communities = Set.copyOf(communities);
    }

    /** Returns the user's filter, empty when the user may read no notifications at all. */
    public static Optional<FeedFilter> of(Principal user) {
        if (user.has(Role.PLATFORM_ADMIN)) {
            return Optional.of(ALL);
        }
        boolean staff = user.has(Role.PROPERTY_ADMIN) || user.has(Role.OPERATOR) || user.has(Role.TECHNICIAN);
        boolean fire = user.has(Role.FIRE_BRIGADE);
        if (!staff && !fire) {
            return Optional.empty();
        }
        return Optional.of(new FeedFilter(false, fire, staff ? user.communityIds() : Set.of(),
                user.has(Role.PROPERTY_ADMIN) ? user.tenantId() : null));
    }

    public boolean matches(StoredNotification n) {
        return all || (fire && n.fire()) || (n.communityId() != null && communities.contains(n.communityId()))
                || (tenantLevelOf != null && n.communityId() == null && tenantLevelOf.equals(n.tenantId()));
    }
}
