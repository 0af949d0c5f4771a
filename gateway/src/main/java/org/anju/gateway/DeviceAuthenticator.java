package org.anju.gateway;

import io.vertx.core.Future;

/**
 * Checks the credentials a device presents when it connects.
 */
public interface DeviceAuthenticator {

    /**
     * Authenticates a device by the password it presented for an auth-id of a tenant.
     *
     * @return the device the credentials belong to; the future fails with a
     *         {@link org.anju.error.ClientError} 401 when the tenant, auth-id or password is wrong or
     *         the device is disabled (one answer for all, so nothing is learned by guessing), or with
     *         a {@link org.anju.error.ServerError} when the registry could not be asked
     */
    Future<DeviceIdentity> authenticate(String tenantId, String authId, String password);
}
