package org.anju.gateway;

import io.vertx.core.Future;

/**
 * Looks up a tenant's limits (Hono's tenant API, seen from the gateway).
 */
public interface TenantLimitsProvider {

    /**
     * @return the tenant's limits; fails with a {@link org.anju.error.ClientError} 404 for an
     *         unknown tenant or a {@link org.anju.error.ServerError} when the registry could not be
     *         asked
     */
    Future<TenantLimits> limits(String tenantId);

    /** Returns a provider that gives every tenant the same limits. */
    static TenantLimitsProvider fixed(TenantLimits limits) {
        return tenantId -> Future.succeededFuture(limits);
    }
}
