package org.anju.platform.delivery;

import java.sql.SQLException;
import java.util.List;

import io.vertx.core.Vertx;

import org.anju.platform.storage.UnitOfWork;

/**
 * The transactional outbox: notifications are appended inside the transaction of the change they
 * report, so a notification exists exactly when its change was committed.
 * <p>
 * Appenders take one transaction-level advisory lock before inserting, which makes ids commit in
 * increasing order: a reader that resumes after the last id it saw misses nothing. Notifications
 * are rare next to telemetry, so the serialisation costs nothing that matters.
 * <p>
 * Each append wakes the readers (live feeds, the webhook dispatcher) once its transaction has
 * committed, so that they look at once instead of at their next poll: this process's on
 * {@link #COMMITTED_ADDRESS}, and, through {@link #COMMITTED_HERE_ADDRESS}, the other instances'
 * ({@link org.anju.platform.signals.SignalSender}, after the commit and outside the transaction, so
 * that a wake-up that cannot be sent never fails the change). Readers still poll, in case a
 * wake-up was lost.
 */
public final class Outbox {

    /** Event-bus address published to (with no body) after notifications were committed. */
    public static final String COMMITTED_ADDRESS = "anju.notifications.committed";
    /**
     * Event-bus address published to after notifications appended by this process were committed
     * (not for another instance's, so that passing it on to the other instances cannot echo).
     */
    public static final String COMMITTED_HERE_ADDRESS = "anju.notifications.committed.here";

    /** Arbitrary but fixed key of the advisory lock that orders appenders. */
    private static final long APPEND_LOCK_KEY = 0x616e6a75_6e6f7466L;

    private static final String INSERT_SQL = """
            INSERT INTO notifications (tenant_id, community_id, topic, fire, payload)
            VALUES (?, ?, ?, ?, ?::jsonb) RETURNING id""";

    private final Vertx vertx;
    /** One instance, so that a transaction appending many notifications wakes the readers once. */
    private final Runnable wake = this::wake;

    public Outbox(Vertx vertx) {
        this.vertx = vertx;
    }

    /**
     * Appends a notification in the caller's transaction; the readers are woken after it commits.
     *
     * @return its id, the position readers resume from
     * @throws SQLException when the database fails; the caller's transaction rolls back
     */
    public long append(UnitOfWork.Tx tx, Notification notification) throws SQLException {
        if (tx.connection().getAutoCommit()) {
            throw new IllegalStateException("append notifications inside the transaction of the change they report");
        }
        tx.one("SELECT pg_advisory_xact_lock(?)", rs -> true, APPEND_LOCK_KEY);
        long id = tx.one(INSERT_SQL, rs -> rs.getLong(1), notification.tenantId(), notification.communityId(),
                notification.topic(), notification.fire(), notification.payload().toString()).orElseThrow();
        tx.afterCommit(wake);
        return id;
    }

    /**
     * Appends many notifications in the caller's transaction in one batch (one lock, one round trip
     * per batch instead of two per notification); the readers are woken once after it commits.
     *
     * @throws SQLException when the database fails; the caller's transaction rolls back
     */
    public void appendAll(UnitOfWork.Tx tx, List<Notification> notifications) throws SQLException {
        if (notifications.isEmpty()) {
            return;
        }
        if (tx.connection().getAutoCommit()) {
            throw new IllegalStateException("append notifications inside the transaction of the change they report");
        }
        tx.one("SELECT pg_advisory_xact_lock(?)", rs -> true, APPEND_LOCK_KEY);
        tx.batch(INSERT_SQL.replace(" RETURNING id", ""), notifications, n -> new Object[] {n.tenantId(),
                n.communityId(), n.topic(), n.fire(), n.payload().toString()});
        tx.afterCommit(wake);
    }

    private void wake() {
        vertx.eventBus().publish(COMMITTED_ADDRESS, null);
        vertx.eventBus().publish(COMMITTED_HERE_ADDRESS, null);
    }
}
