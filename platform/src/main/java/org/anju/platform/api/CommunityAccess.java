package org.anju.platform.api;

import java.util.Optional;

import org.anju.error.ClientError;
import org.anju.platform.auth.Principal;
import org.anju.platform.registry.DevicePlace;
import org.anju.platform.registry.DeviceRegistry;

/**
 * Authorization by community and device type, checked before existence is revealed: a user who
 * may not see a community or device learns nothing about what is in it, or whether it exists.
 * <p>
 * Methods block on JDBC: call them from a worker.
 */
final class CommunityAccess {

    private CommunityAccess() {
    }

    /**
     * Requires that the user may see some of the community's devices and that it exists.
     *
     * @return how much of it the user sees (never {@link Principal.DeviceScope#NONE})
     * @throws ClientError 403 when the user may not see it, 404 when it does not exist
     */
    static Principal.DeviceScope requireVisible(Principal user, DeviceRegistry registry, String communityId) {
        Principal.DeviceScope scope = user.deviceScope(communityId);
        require(scope != Principal.DeviceScope.NONE, user, registry, communityId, "community");
        return scope;
    }

    /**
     * Requires that the user may see the storage the community uses, and that it exists.
     *
     * @throws ClientError 403 when the user may not (the fire brigade, staff of other communities),
     *                     404 when it does not exist
     */
    static void requireStorageVisible(Principal user, DeviceRegistry registry, String communityId) {
        require(user.maySeeStorageOf(communityId), user, registry, communityId, "the storage of community");
    }

    /**
     * Requires that the device exists and that the user may see it: a device of a community they
     * see, of a type in their scope there (the fire brigade: fire facilities only).
     *
     * @param place where the device is, empty when there is no such device
     * @throws ClientError 403 when the user may not see the device, or when it does not exist and
     *                     the user does not see every device (so that 403 and 404 do not tell
     *                     hidden devices from missing ones); 404 when it does not exist and the
     *                     user sees every device
     */
    static DevicePlace requireDeviceVisible(Principal user, String deviceId, Optional<DevicePlace> place) {
        boolean visible = place.map(p -> user.maySeeDevice(p.communityId(), p.type())).orElse(user.seesEveryDevice());
        if (!visible) {
            throw ClientError.forbidden(user.username() + " may not see device '" + deviceId + "'");
        }
        return place.orElseThrow(() -> ClientError.notFound("no device '" + deviceId + "'"));
    }

    /**
     * Requires {@code allowed} (403 naming what the user may not see), then that the community
     * exists (404): in this order, so a refusal reveals nothing.
     */
    static void require(boolean allowed, Principal user, DeviceRegistry registry, String communityId,
            String what) {
        if (!allowed) {
            throw ClientError.forbidden(user.username() + " may not see " + what + " '" + communityId + "'");
        }
        if (!registry.communityExists(communityId)) {
            throw ClientError.notFound("no community '" + communityId + "'");
        }
    }
}
