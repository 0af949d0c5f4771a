package org.anju.platform.auth;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

import org.anju.platform.registry.CommunityView;
import org.anju.platform.registry.DeviceRegistry;

/**
 * What user administration needs to know of tenants and communities, which the registry owns.
 * Blocks on JDBC.
 */
public interface TenantDirectory {

    /** Returns whether the tenant exists. */
    boolean tenantExists(String tenantId);

    /** Returns the tenant of each of the communities that exists. */
    Map<String, String> tenantsOf(Collection<String> communityIds);

    /** Returns the directory the registry keeps. */
    static TenantDirectory of(DeviceRegistry registry) {
        return new TenantDirectory() {
            @Override
            public boolean tenantExists(String tenantId) {
                return registry.tenantExists(tenantId);
            }

            @Override
            public Map<String, String> tenantsOf(Collection<String> communityIds) {
                if (communityIds.isEmpty()) {
                    return Map.of();
                }
                return registry.tenantsOf(communityIds);
            }
        };
    }
}
