package org.anju.platform.auth;

import java.sql.SQLException;
import java.util.Optional;

import org.anju.platform.registry.PasswordHasher;
import org.anju.platform.storage.UnitOfWork;

/**
 * Password checks of users. Blocks on JDBC and bcrypt: call it on the {@link PasswordChecks} pool.
 */
public final class UserDirectory {

    /**
     * The outcome of a password check.
     *
     * @param user     the user, when the password matched an enabled user
     * @param tenantId the tenant of the user name tried, when it names an enabled user (for the
     *                 audit log of a failed log-in), else null
     */
    public record Check(Optional<Principal> user, String tenantId) {
    }

    private final UnitOfWork db;
    private final PasswordHasher hasher;

    public UserDirectory(UnitOfWork db, PasswordHasher hasher) {
        this.db = db;
        this.hasher = hasher;
    }

    /**
     * Returns the user in the caller's transaction, if there is one of that name (for capabilities
     * that keep their own facts about users, e.g. a contractor's maintainer company).
     */
    public static Optional<UserView> find(UnitOfWork.Tx tx, String username) throws SQLException {
        return UserStore.find(tx, username).map(UserStore.Stored::view);
    }

    /**
     * Checks a user's password; an unknown or disabled user costs the same bcrypt time as a wrong
     * password, so that timing does not tell which names exist. No connection is held during bcrypt.
     *
     * @throws org.anju.error.ServerError 503 when the database fails
     */
    public Check check(String username, String password) {
        Optional<UserStore.Stored> stored = db.read("users", tx -> UserStore.find(tx, username))
                .filter(s -> s.view().enabled());
        boolean matches = hasher.matches(password, stored.map(UserStore.Stored::passwordHash).orElse(null));
        return new Check(matches ? stored.map(s -> s.view().principal()) : Optional.empty(),
                stored.map(s -> s.view().tenantId()).orElse(null));
    }

    /** Returns whether an enabled platform administrator exists (a fresh database has none). */
    public boolean hasPlatformAdmin() {
        return db.read("users", UserStore::hasPlatformAdmin);
    }
}
