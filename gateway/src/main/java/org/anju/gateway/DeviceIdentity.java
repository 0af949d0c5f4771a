package org.anju.gateway;

import java.util.Objects;

/**
 * An authenticated device: who it is, not what it may do.
 *
 * @param tenantId the tenant (property company) the device belongs to
 * @param deviceId the device's id in the registry
 * @param authId   the identity it authenticated with
 */
public record DeviceIdentity(String tenantId, String deviceId, String authId) {

    public DeviceIdentity {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(authId, "authId");
    }

    @Override
    public String toString() {
        return "device [tenant: " + tenantId + ", id: " + deviceId + "]";
    }
}
