package org.anju.platform.api;

import java.util.Optional;

import org.anju.error.ClientError;
import org.anju.platform.auth.Principal;
import org.anju.platform.registry.DeviceRegistry;

/**
 * Authorization by community, checked before existence is revealed: a user who may not see a
 * community learns nothing about what is in it, or whether it exists.
 * <p>
 * Methods block on JDBC: call them from a worker.
 */
final class CommunityAccess {

    private CommunityAccess() {
    }

    /**
     * Requires that the user may see the community and that it exists.
     *
     * @throws ClientError 403 when the user may not see it, 404 when it does not exist
     */
    static void requireVisible(Principal user, DeviceRegistry registry, String communityId) {
        if (!user.mayViewDevicesOf(communityId)) {
            throw ClientError.forbidden(user.username() + " may not see community '" + communityId + "'");
        }
        if (!registry.communityExists(communityId)) {
            throw ClientError.notFound("no community '" + communityId + "'");
        }
    }

    /**
     * Requires that the device exists in a community the user may see.
     *
     * @param community the device's community, empty when there is no such device
     * @throws ClientError 403 when the user may not see the device's community, or when the device
     *                     does not exist and the user does not see every community (so that 403
     *                     and 404 do not tell devices of other communities from missing ones);
     *                     404 when it does not exist and the user sees every community
     */
    static void requireDeviceVisible(Principal user, String deviceId, Optional<String> community) {
        boolean visible = community.map(user::mayViewDevicesOf).orElse(user.mayViewEveryCommunity());
        if (!visible) {
            throw ClientError.forbidden(user.username() + " may not see device '" + deviceId + "'");
        }
        if (community.isEmpty()) {
            throw ClientError.notFound("no device '" + deviceId + "'");
        }
    }
}
