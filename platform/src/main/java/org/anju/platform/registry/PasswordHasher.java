package org.anju.platform.registry;

import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Salted bcrypt hashes for user passwords and device secrets (Spring Security's implementation).
 */
public final class PasswordHasher {

    private final int cost;
    // compared against when the account does not exist, so that a miss costs as long as a hit
    private final String decoy;

    public PasswordHasher(int cost) {
        this.cost = cost;
        this.decoy = BCrypt.hashpw("decoy", BCrypt.gensalt(cost));
    }

    /** Returns a new salted hash of the secret. */
    public String hash(String secret) {
        return BCrypt.hashpw(secret, BCrypt.gensalt(cost));
    }

    /** Returns whether the secret matches the hash; with a null hash, spends the same time and says no. */
    public boolean matches(String secret, String hash) {
        if (hash == null) {
            BCrypt.checkpw(secret, decoy);
            return false;
        }
        try {
            return BCrypt.checkpw(secret, hash);
        } catch (IllegalArgumentException malformedHash) {
            return false;
        }
    }
}
