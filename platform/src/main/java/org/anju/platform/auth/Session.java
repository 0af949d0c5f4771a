package org.anju.platform.auth;

import java.time.Instant;

/**
 * A live log-in session: its id (the token's {@code jti}), the user as they are now (current
 * roles and communities, not those at log-in), and when it ends at the latest.
 */
public record Session(String id, Principal user, Instant expiresAt) {

    /** Returns whether the user has the same tenant, roles and communities in both. */
    public boolean sameRights(Session other) {
        return java.util.Objects.equals(user.tenantId(), other.user().tenantId())
                && user.roles().equals(other.user().roles())
                && user.communityIds().equals(other.user().communityIds());
    }
}
