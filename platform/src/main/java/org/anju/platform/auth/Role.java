package org.anju.platform.auth;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a user does; decides what they may see and change.
 */
public enum Role {
    /** Runs the platform: everything. */
    PLATFORM_ADMIN("platform_admin"),
    /** A property company's administrator: their communities, including money. */
    PROPERTY_ADMIN("property_admin"),
    /** A control-room operator: their communities' devices and alarms. */
    OPERATOR("operator"),
    /** A technician: their communities' devices and work orders. */
    TECHNICIAN("technician"),
    /**
     * A maintenance contractor (a maintainer company's staff, e.g. the elevator maintainer): only
     * the maintenance work assigned to their company in their communities; nothing else.
     */
    MAINTENANCE_CONTRACTOR("maintenance_contractor"),
    /** The fire brigade: fire data of every community, nothing financial. */
    FIRE_BRIGADE("fire_brigade"),
    /** A resident: their own household's parking, bills and parcels. */
    RESIDENT("resident");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Role> fromWireName(String name) {
        return Arrays.stream(values()).filter(r -> r.wireName.equals(name)).findFirst();
    }
}
