package org.anju.platform.api;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;

import org.anju.error.ClientError;
import org.anju.platform.Json;
import org.anju.platform.auth.Principal;
import org.anju.platform.auth.Role;
import org.anju.platform.registry.DevicePlace;
import org.anju.platform.registry.DeviceRegistry;

/**
 * Who may see and change a community's maintenance assets, plans and counters, checked before
 * existence is revealed: platform administrators everywhere; property administrators in their
 * communities (read and change); operators and technicians in theirs (read). Maintenance
 * contractors, the fire brigade and residents nothing here (the contractors' view of their
 * company's work is the work orders').
 * <p>
 * Methods block on JDBC: call them from a worker.
 */
final class MaintenanceAccess {

    private MaintenanceAccess() {
    }

    /** Requires that the user may read the community's maintenance data and that it exists (403, then 404). */
    static void requireReader(Principal user, DeviceRegistry registry, String communityId) {
        CommunityAccess.require(reads(user, communityId), user, registry, communityId, "the maintenance of community");
    }

    /** Requires that the user may change the community's maintenance data and that it exists (403, then 404). */
    static void requireAdministrator(Principal user, DeviceRegistry registry, String communityId) {
        CommunityAccess.require(administers(user, communityId), user, registry, communityId,
                "maintenance changes of community");
    }

    /**
     * Requires that the device exists and that the user may read (or, with {@code change}, change) its
     * maintenance; a missing device is 404 only to platform administrators (403 otherwise).
     */
    static DevicePlace requireDevice(Principal user, DeviceRegistry registry, String deviceId, boolean change) {
        var place = registry.placeOf(deviceId);
        boolean allowed = place.map(p -> change ? administers(user, p.communityId()) : reads(user, p.communityId()))
                .orElse(user.has(Role.PLATFORM_ADMIN));
        if (!allowed) {
            throw ClientError.forbidden(user.username() + " may not " + (change ? "change" : "see")
                    + " the maintenance of device '" + deviceId + "'");
        }
        return place.orElseThrow(() -> ClientError.notFound("no device '" + deviceId + "'"));
    }

    /** Reads a JSON object body. */
    static JsonNode body(String text, String expected) {
        JsonNode request;
        try {
            request = text == null ? null : Json.MAPPER.readTree(text);
        } catch (IOException e) {
            request = null;
        }
        if (request == null || !request.isObject()) {
            throw ClientError.badRequest("body must be a JSON object " + expected);
        }
        return request;
    }

    private static boolean reads(Principal user, String communityId) {
        return user.has(Role.PLATFORM_ADMIN) || user.communityIds().contains(communityId)
                && (user.has(Role.PROPERTY_ADMIN) || user.has(Role.OPERATOR) || user.has(Role.TECHNICIAN));
    }

    private static boolean administers(Principal user, String communityId) {
        return user.has(Role.PLATFORM_ADMIN) || user.communityIds().contains(communityId) && user.has(Role.PROPERTY_ADMIN);
    }
}
