package org.anju.gateway;

import io.vertx.core.Future;

/**
 * Checks who a connecting device is (Hono's credentials API, seen from the gateway).
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

    /**
     * Authenticates a device by the subject DN of the client certificate it presented, which the
     * gateway has already verified against a CA that {@code tenantId} trusts (the tenant comes from
     * the certificate's issuer, never from what the device says).
     *
     * @param subjectDn the certificate's subject in RFC 2253 form, the device's auth-id
     * @return as for {@link #authenticate(String, String, String)}
     */
    Future<DeviceIdentity> authenticateCertificate(String tenantId, String subjectDn);

    /**
     * Asks whether an authenticated device may still be connected: its credential and the device
     * are still enabled.
     *
     * @return false once revoked or disabled; fails with a {@link org.anju.error.ServerError} when
     *         the registry could not be asked (the connection is then left alone)
     */
    Future<Boolean> isStillEnabled(DeviceIdentity device);
}
