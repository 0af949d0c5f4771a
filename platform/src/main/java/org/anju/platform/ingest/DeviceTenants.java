package org.anju.platform.ingest;

import java.util.Optional;

import io.vertx.core.Future;

/**
 * Tells Kafka ingest which tenant a device belongs to, so that a record on one tenant's topic
 * cannot write another tenant's device ({@link TenantCheck}).
 */
public interface DeviceTenants {

    /**
     * @return the device's tenant, empty for a device not in the registry; fails with a
     *         {@link org.anju.error.ServerError} when the registry could not be asked
     */
    Future<Optional<String>> tenantOf(String deviceId);
}
