package org.anju.platform.auth;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.anju.protocol.DeviceType;

/**
 * The authenticated user behind a request, and what their roles let them see and do: the rules of
 * docs/security.md ("Who sees what"), in one place.
 * <p>
 * Property staff (administrators, operators, technicians) see every device of the communities they
 * were given; the fire brigade sees the fire facilities (smoke detectors, fire panels) of every
 * community and nothing else; platform administrators see every device; residents see no devices.
 *
 * @param tenantId     the property company the user works for; null for platform admins and the
 *                     fire brigade
 * @param communityIds the communities a property user was given
 */
public record Principal(String username, String displayName, String tenantId, Set<Role> roles,
        Set<String> communityIds) {

    /** How much of a community's devices, and of their data, a user sees. */
    public enum DeviceScope {
        /** Nothing of the community. */
        NONE,
        /** Its fire facilities and their data: the fire brigade's share. */
        FIRE_FACILITIES,
        /** Every device and its data. */
        ALL;

        /** Returns whether a device of this type (wire name) is in the scope. */
        public boolean includes(String deviceType) {
            return this == ALL || (this == FIRE_FACILITIES && DeviceType.isFireFacility(deviceType));
        }

        /** Returns the device types (wire names) in the scope, or null for every type. */
        public List<String> onlyTypes() {
            return switch (this) {
                case NONE -> List.of();
                case FIRE_FACILITIES -> DeviceType.fireFacilities();
                case ALL -> null;
            };
        }
    }

    public Principal {
        roles = Set.copyOf(roles);
        communityIds = Set.copyOf(communityIds);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Returns how much of the community's devices the user sees. */
    public DeviceScope deviceScope(String communityId) {
        if (has(Role.PLATFORM_ADMIN) || isStaffOf(communityId)) {
            return DeviceScope.ALL;
        }
        return has(Role.FIRE_BRIGADE) ? DeviceScope.FIRE_FACILITIES : DeviceScope.NONE;
    }

    /**
     * Returns the communities where the user sees some devices: null for every community (platform
     * admins, the fire brigade), else those where they are staff.
     */
    public Set<String> visibleCommunities() {
        if (has(Role.PLATFORM_ADMIN) || has(Role.FIRE_BRIGADE)) {
            return null;
        }
        return communityIds.stream().filter(this::isStaffOf).collect(Collectors.toSet());
    }

    /** Returns whether the user may see a device of this type in this community, and its data. */
    public boolean maySeeDevice(String communityId, String deviceType) {
        return deviceScope(communityId).includes(deviceType);
    }

    /**
     * Returns whether the user sees every device of every community (platform admins): only to
     * them may the API say that a device or community does not exist.
     */
    public boolean seesEveryDevice() {
        return has(Role.PLATFORM_ADMIN);
    }

    /** Returns whether the user is property staff (administrator, operator, technician) of the community. */
    public boolean isStaffOf(String communityId) {
        return communityIds.contains(communityId)
                && (has(Role.PROPERTY_ADMIN) || has(Role.OPERATOR) || has(Role.TECHNICIAN));
    }

    /**
     * Returns whether the user may see the personal data in a community's device events (licence
     * plates, waybill numbers): its property administrators and control-room operators, who handle
     * parking and parcels. Technicians, the fire brigade and platform administrators may not.
     */
    public boolean maySeePersonalDataOf(String communityId) {
        return communityIds.contains(communityId) && (has(Role.PROPERTY_ADMIN) || has(Role.OPERATOR));
    }

    /** Returns whether the user may see the storage a community uses (its staff and platform admins). */
    public boolean maySeeStorageOf(String communityId) {
        return has(Role.PLATFORM_ADMIN) || isStaffOf(communityId);
    }

    /** Returns whether the user may send commands to a community's devices (the fire brigade may not). */
    public boolean mayCommandDevicesOf(String communityId) {
        return has(Role.PLATFORM_ADMIN) || isStaffOf(communityId);
    }

    /** Returns whether the user may command devices of every community. */
    public boolean mayCommandAnyDevice() {
        return has(Role.PLATFORM_ADMIN);
    }
}
