package org.anju.platform.auth;

import java.util.Set;

/**
 * A change of a user; a null field stays as it is.
 *
 * @param roles        the roles the user has afterwards (all of them)
 * @param communityIds the communities the user sees afterwards (all of them)
 * @param enabled      false disables the user and ends their sessions at once
 */
public record UserChange(String displayName, Set<Role> roles, Set<String> communityIds, Boolean enabled) {

    public UserChange {
        displayName = displayName == null ? null : NewUser.checkDisplayName(displayName);
        roles = roles == null ? null : Set.copyOf(roles);
        communityIds = communityIds == null ? null : Set.copyOf(communityIds);
    }

    /** Returns whether the change would change the user's rights or state (not only the display name). */
    boolean touchesRights() {
        return roles != null || communityIds != null || enabled != null;
    }
}
