package org.anju.gateway;

import io.vertx.core.Future;

/**
 * Decides whether a device may act for another one: a fire panel's UITD for its detectors, a
 * locker bank controller for its compartments, a parking-gate controller for its cameras (Hono's
 * "via" relation in the device registry).
 */
public interface ViaAuthorizer {

    /**
     * @return true when {@code gateway} is registered as a gateway of {@code deviceId} in the same
     *         tenant and both are enabled; fails with a {@link org.anju.error.ServerError} when the
     *         registry could not be asked
     */
    Future<Boolean> mayActFor(DeviceIdentity gateway, String deviceId);
}
