package org.anju.platform.auth;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import io.vertx.core.json.JsonArray;

import org.anju.error.ClientError;
import org.anju.platform.audit.AuditEntry;
import org.anju.platform.audit.AuditLog;
import org.anju.platform.query.ListRequest;
import org.anju.platform.query.Page;
import org.anju.platform.registry.PasswordHasher;
import org.anju.platform.storage.UnitOfWork;
import org.anju.platform.storage.UnitOfWork.Tx;

/**
 * Creating and changing users: by administrators through the users API, by the operator at the
 * command line. Who may do what is {@link UserGrants}'s; every password set meets
 * {@link PasswordPolicy}; every change is written to the audit log in its own transaction, and
 * takes effect on the user's open requests and streams at once in this process.
 * <p>
 * Methods block on JDBC and bcrypt: call them on the {@link PasswordChecks} pool (or, at the
 * command line, directly).
 */
public final class UserAccounts {

    /** A created user, and the password generated for it (null when the request gave one). */
    public record Created(UserView user, String generatedPassword) {
    }


    private final UnitOfWork db;
    private final PasswordHasher hasher;
    private final TenantDirectory tenants;
    private final Consumer<String> changed;

    /**
     * @param changed told the user name after a change committed (forgets cached sessions, checks streams)
     */
    public UserAccounts(UnitOfWork db, PasswordHasher hasher, TenantDirectory tenants, Consumer<String> changed) {
        this.db = db;
        this.hasher = hasher;
        this.tenants = tenants;
        this.changed = changed;
    }

    /**
     * Creates a user.
     *
     * @throws ClientError 400 naming what is invalid (roles, tenant, communities, password), 403
     *                     when the actor may not give it, 409 when the user name is taken
     */
    public Created create(Actor actor, NewUser request) {
        UserGrants.requireAdministrator(actor);
        String tenantId = request.tenantId() == null && !actor.isCommandLine() && !actor.user().has(Role.PLATFORM_ADMIN)
                ? actor.user().tenantId() : request.tenantId();
        UserGrants.requireGrantable(actor, tenantId, request.roles(), request.communityIds());
        requireConsistent(tenantId, request.roles(), request.communityIds());
        String password = request.password() == null ? PasswordPolicy.generate() : request.password();
        PasswordPolicy.check(request.username(), password);
        String hash = hasher.hash(password);
        UserView user = new UserView(request.username(), request.displayName(), tenantId, request.roles(),
                request.communityIds(), true, null);
        UserView created = db.inTransaction("users", tx -> {
            if (!UserStore.insert(tx, user, hash)) {
                throw new ClientError(ClientError.CONFLICT, "user '" + user.username() + "' exists");
            }
            AuditLog.write(tx, actor.audit("user.created", tenantId, user.username())
                    .with("roles", wireNames(user.roles())).with("communityIds", sorted(user.communityIds())));
            return UserStore.find(tx, user.username()).orElseThrow().view();
        });
        return new Created(created, request.password() == null ? password : null);
    }

    /**
     * Returns a user the actor may see (platform administrators: all; property administrators:
     * their tenant's).
     *
     * @throws ClientError 403 when the actor may not see it (or, for property administrators, it
     *                     does not exist), 404 when it does not exist
     */
    public UserView get(Actor actor, String username) {
        UserGrants.requireAdministrator(actor);
        return visible(actor, username, db.read("users", tx -> UserStore.find(tx, username)));
    }

    /**
     * Lists users by name, a page at a time: a property administrator's own tenant, or (platform
     * administrators) one tenant or all.
     */
    public Page<UserView> list(Actor actor, String tenantId, ListRequest page) {
        UserGrants.requireAdministrator(actor);
        String tenant = actor.isCommandLine() || actor.user().has(Role.PLATFORM_ADMIN) ? tenantId
                : actor.user().tenantId();
        String after = page.after() == null ? null : page.after().text(0);
        List<UserView> users = db.read("users", tx -> UserStore.list(tx, tenant, after, page.fetchSize()));
        return page.page(users, user -> new Object[] {user.username()});
    }

    /**
     * Changes a user's display name, roles, communities or enabled state. Disabling ends the
     * user's sessions.
     *
     * @throws ClientError 400, 403 (also for one's own roles, communities or state), 404 as {@link #get}
     */
    public UserView update(Actor actor, String username, UserChange change) {
        UserGrants.requireAdministrator(actor);
        return db.inTransaction("users", tx -> {
            UserView current = visible(actor, username, UserStore.find(tx, username));
            if (change.touchesRights()) {
                UserGrants.requireManageable(actor, current, "roles, communities or enabled state");
            } else if (!UserGrants.mayManage(actor, current)) {
                throw ClientError.forbidden(actor.name() + " may not manage user '" + username + "'");
            }
            Set<Role> roles = change.roles() == null ? current.roles() : change.roles();
            Set<String> communities = change.communityIds() == null ? current.communityIds() : change.communityIds();
            UserGrants.requireGrantable(actor, current.tenantId(), roles, communities);
            requireConsistent(current.tenantId(), roles, communities);
            AuditEntry audit = actor.audit("user.updated", current.tenantId(), username);
            if (change.displayName() != null && !change.displayName().equals(current.displayName())) {
                UserStore.setDisplayName(tx, username, change.displayName());
                audit = audit.with("displayName", change.displayName());
            }
            if (!roles.equals(current.roles())) {
                UserStore.setRoles(tx, username, roles);
                audit = audit.with("roles", wireNames(roles)).with("previousRoles", wireNames(current.roles()));
            }
            if (!communities.equals(current.communityIds())) {
                UserStore.setCommunities(tx, username, communities);
                audit = audit.with("communityIds", sorted(communities))
                        .with("previousCommunityIds", sorted(current.communityIds()));
            }
            if (change.enabled() != null && change.enabled() != current.enabled()) {
                UserStore.setEnabled(tx, username, change.enabled());
                audit = audit.with("enabled", change.enabled());
                if (!change.enabled()) {
                    audit = audit.with("sessionsEnded", SessionStore.deleteOfUser(tx, username, null));
                }
            }
            if (!audit.detail().isEmpty()) {
                AuditLog.write(tx, audit);
                tx.afterCommit(() -> changed.accept(username));
            }
            return UserStore.find(tx, username).orElseThrow().view();
        });
    }

    /**
     * Sets a new password for another user and ends their sessions.
     *
     * @param password the new password; null to generate one
     * @return the generated password, null when one was given
     * @throws ClientError 400 when the password breaks the policy; 403, 404 as {@link #update}
     */
    public String resetPassword(Actor actor, String username, String password) {
        UserGrants.requireAdministrator(actor);
        String next = password == null ? PasswordPolicy.generate() : password;
        PasswordPolicy.check(username, next);
        String hash = hasher.hash(next);
        db.inTransaction("users", tx -> {
            UserView current = visible(actor, username, UserStore.find(tx, username));
            UserGrants.requireManageable(actor, current, "password");
            UserStore.setPasswordHash(tx, username, hash);
            int ended = SessionStore.deleteOfUser(tx, username, null);
            AuditLog.write(tx, actor.audit("user.password_reset", current.tenantId(), username)
                    .with("sessionsEnded", ended));
            tx.afterCommit(() -> changed.accept(username));
            return null;
        });
        return password == null ? next : null;
    }

    /**
     * Changes the password of the session's own user, who proves the current one; the user's other
     * sessions end.
     *
     * @throws ClientError 400 when the new password breaks the policy, 403 when the current one is wrong
     */
    public void changeOwnPassword(Session session, String sourceAddress, String currentPassword, String newPassword) {
        Principal user = session.user();
        PasswordPolicy.check(user.username(), newPassword);
        Optional<String> stored = db.read("users", tx -> UserStore.find(tx, user.username())
                .map(UserStore.Stored::passwordHash));
        if (!hasher.matches(currentPassword, stored.orElse(null))) {
            throw ClientError.forbidden("the current password is wrong");
        }
        String hash = hasher.hash(newPassword);
        db.inTransaction("users", tx -> {
            UserStore.setPasswordHash(tx, user.username(), hash);
            int ended = SessionStore.deleteOfUser(tx, user.username(), session.id());
            AuditLog.write(tx, AuditEntry.of("password.changed", user.username(), user.tenantId(), sourceAddress,
                    user.username()).with("otherSessionsEnded", ended));
            tx.afterCommit(() -> changed.accept(user.username()));
            return null;
        });
    }

    /**
     * Gives a property administrator the community they are creating, in the transaction that
     * creates it, so that they see it as soon as it exists; tell {@link Sessions#userChanged} once it
     * committed.
     */
    public static void grantCreatedCommunity(Tx tx, Actor actor, String communityId) throws SQLException {
        Principal admin = actor.user();
        UserStore.addCommunity(tx, admin.username(), communityId);
        AuditLog.write(tx, actor.audit("user.community_granted", admin.tenantId(), admin.username())
                .with("communityId", communityId).with("reason", "created it"));
    }

    /** Returns the provisioning of residents' logins (estate's households), with this one's hasher. */
    public ResidentLogins residentLogins() {
        return new ResidentLogins(db, hasher, changed);
    }

    /**
     * Creates or replaces a user whole, without an actor (the demo's users, test fixtures); the
     * password must meet the policy like any other.
     */
    public void seed(String username, String displayName, String password, String tenantId, Set<Role> roles,
            Set<String> communityIds) {
        NewUser user = new NewUser(username, displayName, tenantId, roles, communityIds, password);
        PasswordPolicy.check(username, password);
        String hash = hasher.hash(password);
        db.inTransaction("users", tx -> {
            UserStore.upsert(tx, new UserView(user.username(), user.displayName(), tenantId, roles, communityIds, true,
                    null), hash);
            tx.afterCommit(() -> changed.accept(username));
            return null;
        });
    }

    /** Returns whether an enabled platform administrator exists. */
    public boolean hasPlatformAdmin() {
        return db.read("users", UserStore::hasPlatformAdmin);
    }

    private UserView visible(Actor actor, String username, Optional<UserStore.Stored> stored) {
        boolean seesAll = actor.isCommandLine() || actor.user().has(Role.PLATFORM_ADMIN);
        UserView user = stored.map(UserStore.Stored::view).orElse(null);
        if (user != null && (seesAll || actor.user().tenantId().equals(user.tenantId()))) {
            return user;
        }
        if (seesAll) {
            throw ClientError.notFound("no user '" + username + "'");
        }
        // 403 for missing and foreign users alike: names of other tenants' users are not for property admins to learn
        throw ClientError.forbidden(actor.name() + " may not see user '" + username + "'");
    }

    private void requireConsistent(String tenantId, Set<Role> roles, Set<String> communityIds) {
        if (tenantId != null && !tenants.tenantExists(tenantId)) {
            throw ClientError.badRequest("no tenant '" + tenantId + "'");
        }
        UserGrants.requireConsistent(tenantId, roles, communityIds, tenants.tenantsOf(communityIds));
    }

    static JsonArray wireNames(Set<Role> roles) {
        return new JsonArray(roles.stream().map(Role::wireName).sorted().toList());
    }

    static JsonArray sorted(Set<String> values) {
        return new JsonArray(List.copyOf(new TreeSet<>(values)));
    }
}
