package org.anju.platform.notify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.vertx.core.Vertx;

/**
 * The transactional outbox: notifications are appended inside the transaction of the change they
 * report, so a notification exists exactly when its change was committed.
 * <p>
 * Appenders take one transaction-level advisory lock before inserting, which makes ids commit in
 * increasing order: a reader that resumes after the last id it saw misses nothing. Notifications
 * are rare next to telemetry, so the serialisation costs nothing that matters.
 * <p>
 * After committing, the appender calls {@link #committed()} so that readers (live feeds, the
 * webhook dispatcher) look at once instead of at their next poll; readers still poll, because
 * another process may have appended.
 */
public final class Outbox {

    /** Event-bus address published to (with no body) after notifications were committed. */
    public static final String COMMITTED_ADDRESS = "anju.notifications.committed";

    /** Arbitrary but fixed key of the advisory lock that orders appenders. */
    private static final long APPEND_LOCK_KEY = 0x616e6a75_6e6f7466L;

    private static final String INSERT_SQL = """
            INSERT INTO notifications (tenant_id, community_id, topic, fire, payload)
            VALUES (?, ?, ?, ?, ?::jsonb) RETURNING id""";

    private final Vertx vertx;

    public Outbox(Vertx vertx) {
        this.vertx = vertx;
    }

    /**
     * Appends a notification in the caller's transaction (auto-commit must be off).
     *
     * @return its id, the position readers resume from
     */
    public long append(Connection connection, Notification notification) throws SQLException {
        if (connection.getAutoCommit()) {
            throw new IllegalStateException("append notifications inside the transaction of the change they report");
        }
        try (Statement lock = connection.createStatement()) {
            lock.execute("SELECT pg_advisory_xact_lock(" + APPEND_LOCK_KEY + ")");
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_SQL)) {
            insert.setString(1, notification.tenantId());
            insert.setString(2, notification.communityId());
            insert.setString(3, notification.topic());
            insert.setBoolean(4, notification.fire());
            insert.setString(5, notification.payload().toString());
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Wakes the readers; call after the transaction that appended has committed. */
    public void committed() {
        vertx.eventBus().publish(COMMITTED_ADDRESS, null);
    }
}
