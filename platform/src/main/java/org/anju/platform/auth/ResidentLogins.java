package org.anju.platform.auth;

import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.anju.error.ClientError;
import org.anju.platform.audit.AuditLog;
import org.anju.platform.registry.PasswordHasher;
import org.anju.platform.storage.UnitOfWork;
import org.anju.platform.storage.UnitOfWork.Tx;

/**
 * The logins of residents, made or linked by estate's provisioning of households in its own
 * transaction: a new resident gets role {@code resident}, the tenant, the community and a generated
 * initial password (shown once); an existing resident of the tenant is given the community. The
 * caller (a community's property administrator or a platform administrator) has been authorized
 * for the community by the route; residents get nothing beyond it.
 * <p>
 * Methods block on JDBC and bcrypt: call them from a worker thread.
 */
public final class ResidentLogins {

    private final UnitOfWork db;
    private final PasswordHasher hasher;
    private final Consumer<String> changed;

    ResidentLogins(UnitOfWork db, PasswordHasher hasher, Consumer<String> changed) {
        this.db = db;
        this.hasher = hasher;
        this.changed = changed;
    }

    /**
     * A generated initial password and its hash, made before the transaction that may store it
     * (bcrypt takes tens of milliseconds; a transaction should not wait for it).
     */
    public static final class InitialPassword {

        private final String password;
        private final String hash;

        private InitialPassword(String password, String hash) {
            this.password = password;
            this.hash = hash;
        }

        /** Returns the password in clear, to be shown once to whoever hands it to the resident. */
        public String password() {
            return password;
        }

        @Override
        public String toString() {
            return "InitialPassword[****]";
        }
    }

    /**
     * What {@link #provision} did to a login.
     *
     * @param initialPassword the password of a login it created, to be shown once; else null
     */
    public record Provisioned(Outcome outcome, String initialPassword) {
    }

    /** What {@link #provision} did to a login. */
    public enum Outcome {
        /** Created with the initial password. */
        CREATED,
        /** An existing resident of the tenant, now also of the community. */
        LINKED,
        /** An existing resident of the tenant and community: nothing changed. */
        UNCHANGED
    }

    /**
     * Returns an initial password for each of the users that do not exist yet, generated and hashed
     * on every core; for {@link #provision}.
     */
    public Map<String, InitialPassword> initialPasswordsForNew(Collection<String> usernames) {
        Set<String> existing = db.read("users", tx -> UserStore.existing(tx, usernames));
        return usernames.stream().distinct().filter(u -> !existing.contains(u)).parallel()
                .collect(Collectors.toMap(u -> u, u -> newInitialPassword()));
    }

    /**
     * In the caller's transaction, makes the user a resident login of the tenant who sees the
     * community: creates it (role {@code resident}) with the initial password, or gives an existing
     * resident of the tenant the community; audited either way. Sessions learn of the change after
     * the commit.
     *
     * @param password the initial password from {@link #initialPasswordsForNew}; one is made here
     *                 when null and the user turns out to be new
     * @throws ClientError 409 when the user exists but is not a resident of the tenant (another
     *                     tenant's user, or staff without the role)
     */
    public Provisioned provision(Tx tx, Actor actor, String tenantId, String communityId, String username,
            String displayName, InitialPassword password) throws SQLException {
        Optional<UserStore.Stored> stored = UserStore.find(tx, username);
        if (stored.isPresent()) {
            UserView user = stored.get().view();
            if (!tenantId.equals(user.tenantId()) || !user.roles().contains(Role.RESIDENT)) {
                throw new ClientError(ClientError.CONFLICT, "user '" + username
                        + "' exists and is not a resident of tenant '" + tenantId + "'");
            }
            if (user.communityIds().contains(communityId)) {
                return new Provisioned(Outcome.UNCHANGED, null);
            }
            UserStore.addCommunity(tx, username, communityId);
            AuditLog.write(tx, actor.audit("user.community_granted", tenantId, username)
                    .with("communityId", communityId).with("reason", "resident of a household"));
            tx.afterCommit(() -> changed.accept(username));
            return new Provisioned(Outcome.LINKED, null);
        }
        InitialPassword initial = password == null ? newInitialPassword() : password;
        UserView user = new UserView(username, displayName == null ? username : displayName, tenantId,
                Set.of(Role.RESIDENT), Set.of(communityId), true, null);
        UserStore.insert(tx, user, initial.hash);
        AuditLog.write(tx, actor.audit("user.created", tenantId, username)
                .with("roles", UserAccounts.wireNames(user.roles())).with("communityIds", UserAccounts.sorted(user.communityIds())));
        tx.afterCommit(() -> changed.accept(username));
        return new Provisioned(Outcome.CREATED, initial.password());
    }

    private InitialPassword newInitialPassword() {
        String password = PasswordPolicy.generate();
        return new InitialPassword(password, hasher.hash(password));
    }
}
