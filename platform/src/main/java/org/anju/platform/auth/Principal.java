package org.anju.platform.auth;

import java.util.Set;

/**
 * The authenticated user behind a request.
 *
 * @param tenantId     the property company the user works for; null for platform admins and the
 *                     fire brigade
 * @param communityIds the communities a property user was given
 */
public record Principal(String username, String displayName, String tenantId, Set<Role> roles,
        Set<String> communityIds) {

    public Principal {
        roles = Set.copyOf(roles);
        communityIds = Set.copyOf(communityIds);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Returns whether the user may see a community's devices and their state. */
    public boolean mayViewDevicesOf(String communityId) {
        return mayViewEveryCommunity() || (communityIds.contains(communityId) && !onlyResident());
    }

    /** Returns whether the user may see the devices of every community (platform admins, the fire brigade). */
    public boolean mayViewEveryCommunity() {
        return has(Role.PLATFORM_ADMIN) || has(Role.FIRE_BRIGADE);
    }

    /** Returns whether the user may send commands to a community's devices (the fire brigade may not). */
    public boolean mayCommandDevicesOf(String communityId) {
        return has(Role.PLATFORM_ADMIN) || (communityIds.contains(communityId)
                && (has(Role.PROPERTY_ADMIN) || has(Role.OPERATOR) || has(Role.TECHNICIAN)));
    }

    /** Returns whether the user may command devices of every community. */
    public boolean mayCommandAnyDevice() {
        return has(Role.PLATFORM_ADMIN);
    }

    private boolean onlyResident() {
        return roles.equals(Set.of(Role.RESIDENT));
    }
}
