package org.anju.platform.auth;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.anju.platform.storage.Sql;
import org.anju.platform.storage.UnitOfWork.Tx;

/**
 * The SQL of users, their roles and their communities ({@code users}, {@code user_roles},
 * {@code user_communities}; the auth package owns these tables). Every method runs in the
 * caller's transaction.
 */
final class UserStore {

    private static final String SELECT = """
            SELECT u.username, u.display_name, u.tenant_id, u.enabled, u.created_at, u.password_hash,
                   array(SELECT r.role FROM user_roles r WHERE r.username = u.username ORDER BY r.role) AS roles,
                   array(SELECT c.community_id FROM user_communities c WHERE c.username = u.username
                         ORDER BY c.community_id) AS communities
              FROM users u""";

    /** A stored user with its password hash, which never leaves this package. */
    record Stored(UserView view, String passwordHash) {
    }

    private UserStore() {
    }

    static Optional<Stored> find(Tx tx, String username) throws SQLException {
        return tx.one(SELECT + " WHERE u.username = ?", UserStore::stored, username);
    }

    /** Returns users by name after {@code after} (null: from the first), of one tenant or (null) all. */
    static List<UserView> list(Tx tx, String tenantId, String after, int limit) throws SQLException {
        return tx.query(SELECT + " WHERE (?::text IS NULL OR u.tenant_id = ?) AND u.username > ? ORDER BY u.username"
                + " LIMIT ?", rs -> stored(rs).view(), tenantId, tenantId, after == null ? "" : after, limit);
    }

    /** Returns those of the user names that exist. */
    static Set<String> existing(Tx tx, Collection<String> usernames) throws SQLException {
        return Set.copyOf(tx.query("SELECT u.username FROM users u WHERE u.username = ANY (?)", rs -> rs.getString(1),
                (Object) usernames.toArray(String[]::new)));
    }

    /** Inserts a new user; returns false (and writes nothing) when the user name is taken. */
    static boolean insert(Tx tx, UserView user, String passwordHash) throws SQLException {
        if (tx.update("INSERT INTO users (username, display_name, password_hash, tenant_id, enabled)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING",
                user.username(), user.displayName(), passwordHash, user.tenantId(), user.enabled()) == 0) {
            return false;
        }
        setRoles(tx, user.username(), user.roles());
        setCommunities(tx, user.username(), user.communityIds());
        return true;
    }

    /** Creates or replaces a user whole (seeded users: the demo's, tests'). */
    static void upsert(Tx tx, UserView user, String passwordHash) throws SQLException {
        tx.update("""
                INSERT INTO users (username, display_name, password_hash, tenant_id, enabled) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (username) DO UPDATE SET display_name = EXCLUDED.display_name,
                    password_hash = EXCLUDED.password_hash, tenant_id = EXCLUDED.tenant_id, enabled = EXCLUDED.enabled""",
                user.username(), user.displayName(), passwordHash, user.tenantId(), user.enabled());
        setRoles(tx, user.username(), user.roles());
        setCommunities(tx, user.username(), user.communityIds());
    }

    static void setRoles(Tx tx, String username, Set<Role> roles) throws SQLException {
        tx.update("DELETE FROM user_roles WHERE username = ?", username);
        for (Role role : roles) {
            tx.update("INSERT INTO user_roles (username, role) VALUES (?, ?)", username, role.wireName());
        }
    }

    static void setCommunities(Tx tx, String username, Collection<String> communityIds) throws SQLException {
        tx.update("DELETE FROM user_communities WHERE username = ?", username);
        for (String community : communityIds) {
            addCommunity(tx, username, community);
        }
    }

    static void addCommunity(Tx tx, String username, String communityId) throws SQLException {
        tx.update("INSERT INTO user_communities (username, community_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                username, communityId);
    }

    static void setDisplayName(Tx tx, String username, String displayName) throws SQLException {
        tx.update("UPDATE users SET display_name = ? WHERE username = ?", displayName, username);
    }

    static void setEnabled(Tx tx, String username, boolean enabled) throws SQLException {
        tx.update("UPDATE users SET enabled = ? WHERE username = ?", enabled, username);
    }

    static void setPasswordHash(Tx tx, String username, String passwordHash) throws SQLException {
        tx.update("UPDATE users SET password_hash = ? WHERE username = ?", passwordHash, username);
    }

    /** Returns whether an enabled platform administrator exists. */
    static boolean hasPlatformAdmin(Tx tx) throws SQLException {
        return tx.one("""
                SELECT 1 FROM users u JOIN user_roles r ON r.username = u.username
                 WHERE u.enabled AND r.role = ? LIMIT 1""", rs -> true, Role.PLATFORM_ADMIN.wireName()).isPresent();
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String role : strings(rs.getArray("roles"))) {
            Role.fromWireName(role).ifPresent(roles::add);
        }
        return new Stored(new UserView(rs.getString("username"), rs.getString("display_name"), rs.getString("tenant_id"),
                roles, Set.copyOf(strings(rs.getArray("communities"))), rs.getBoolean("enabled"),
                Sql.instant(rs, "created_at")), rs.getString("password_hash"));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
