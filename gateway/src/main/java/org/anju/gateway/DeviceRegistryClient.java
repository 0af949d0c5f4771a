package org.anju.gateway;

/**
 * Everything the gateway asks the device registry: credentials, via relations, tenant limits and
 * the tenants' trusted CAs. The all-in-one platform implements it on its database; a Hono
 * deployment on Hono's registry.
 */
public interface DeviceRegistryClient extends DeviceAuthenticator, ViaAuthorizer, TenantLimitsProvider,
        TrustedCaProvider {
}
