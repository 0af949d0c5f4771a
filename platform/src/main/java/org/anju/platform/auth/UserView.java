package org.anju.platform.auth;

import java.time.Instant;
import java.util.Set;

/**
 * A user as administrators see it (never the password hash).
 *
 * @param tenantId null for platform administrators and the fire brigade
 */
public record UserView(String username, String displayName, String tenantId, Set<Role> roles,
        Set<String> communityIds, boolean enabled, Instant createdAt) {

    public UserView {
        roles = Set.copyOf(roles);
        communityIds = Set.copyOf(communityIds);
    }

    /** Returns the user as a request's principal. */
    public Principal principal() {
        return new Principal(username, displayName, tenantId, roles, communityIds);
    }
}
