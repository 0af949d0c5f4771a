package org.anju.platform.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.anju.error.ClientError;
import org.anju.error.ServerError;
import org.anju.platform.registry.PasswordHasher;

/**
 * Users, their roles and communities, and password checks. Blocks on JDBC and bcrypt: call it
 * from a worker thread.
 */
public final class UserDirectory {

    private static final String USER_SQL =
            "SELECT display_name, password_hash, tenant_id FROM users WHERE username = ? AND enabled";
    private static final String ROLES_SQL = "SELECT role FROM user_roles WHERE username = ?";
    private static final String COMMUNITIES_SQL = "SELECT community_id FROM user_communities WHERE username = ?";

    private record UserRow(String displayName, String passwordHash, String tenantId) {
    }

    private final DataSource dataSource;
    private final PasswordHasher hasher;

    public UserDirectory(DataSource dataSource, PasswordHasher hasher) {
        this.dataSource = dataSource;
        this.hasher = hasher;
    }

    /**
     * Checks a user's password.
     *
     * @throws ClientError 401 with one message for an unknown user and a wrong password alike
     */
    public Principal authenticate(String username, String password) {
        try (Connection c = dataSource.getConnection()) {
            Optional<UserRow> user = findUser(c, username);
            if (!hasher.matches(password, user.map(UserRow::passwordHash).orElse(null))) {
                throw ClientError.unauthorized("wrong user name or password");
            }
            return new Principal(username, user.get().displayName(), user.get().tenantId(), roles(c, username),
                    strings(c, COMMUNITIES_SQL, username));
        } catch (SQLException e) {
            throw ServerError.unavailable("user directory unavailable: " + e.getMessage(), e);
        }
    }

    private static Optional<UserRow> findUser(Connection c, String username) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(USER_SQL)) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new UserRow(rs.getString(1), rs.getString(2), rs.getString(3)))
                        : Optional.empty();
            }
        }
    }

    private static Set<Role> roles(Connection c, String username) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : strings(c, ROLES_SQL, username)) {
            Role.fromWireName(name).ifPresent(roles::add);
        }
        return roles;
    }

    private static Set<String> strings(Connection c, String sql, String username) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                Set<String> values = new HashSet<>();
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
                return values;
            }
        }
    }
}
