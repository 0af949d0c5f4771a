package org.anju.platform.auth;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.anju.platform.storage.UnitOfWork.Tx;

/**
 * The SQL of server-side sessions ({@code user_sessions}; the auth package owns it). Every method
 * runs in the caller's transaction.
 */
final class SessionStore {

    private SessionStore() {
    }

    static void insert(Tx tx, String id, String username, Instant expiresAt, String sourceAddress) throws SQLException {
        tx.update("INSERT INTO user_sessions (id, username, expires_at, source_address) VALUES (?::uuid, ?, ?, ?)",
                id, username, expiresAt, sourceAddress);
    }

    /** Returns the user name and expiry of a session that has not ended or expired, of a user who is enabled. */
    static Optional<Live> live(Tx tx, String id, Instant now) throws SQLException {
        return tx.one("""
                SELECT s.username, s.expires_at FROM user_sessions s JOIN users u ON u.username = s.username
                 WHERE s.id = ?::uuid AND s.expires_at > ? AND u.enabled""",
                rs -> new Live(rs.getString(1), rs.getTimestamp(2).toInstant()), id, now);
    }

    /** A live session's row. */
    record Live(String username, Instant expiresAt) {
    }

    /** Ends one session; returns whether it was there. */
    static boolean delete(Tx tx, String id) throws SQLException {
        return tx.update("DELETE FROM user_sessions WHERE id = ?::uuid", id) > 0;
    }

    /** Ends every session of a user, except {@code keep} (null: all); returns how many. */
    static int deleteOfUser(Tx tx, String username, String keep) throws SQLException {
        return keep == null ? tx.update("DELETE FROM user_sessions WHERE username = ?", username)
                : tx.update("DELETE FROM user_sessions WHERE username = ? AND id <> ?::uuid", username, keep);
    }

    /** Removes the sessions expired by now; returns their ids. */
    static List<String> deleteExpired(Tx tx, Instant now) throws SQLException {
        return tx.query("DELETE FROM user_sessions WHERE expires_at <= ? RETURNING id::text", rs -> rs.getString(1), now);
    }
}
