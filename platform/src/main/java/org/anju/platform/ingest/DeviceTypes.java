package org.anju.platform.ingest;

import io.vertx.core.Future;

import org.anju.protocol.DeviceType;

/**
 * Tells ingest which type a device is, so that its payloads are decoded by the right schema.
 */
public interface DeviceTypes {

    /**
     * @return the device's type; fails with a {@link org.anju.error.ClientError} 404 for a device
     *         not in the registry, or a {@link org.anju.error.ServerError} when it could not be asked
     */
    Future<DeviceType> typeOf(String deviceId);
}
