package org.anju.platform.delivery;

import java.sql.SQLException;
import java.util.List;

import io.vertx.core.Vertx;

import org.anju.platform.signals.Signals;
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
 * committed, so that they look at once instead of at their next poll: this process's over the
 * event bus, the other instances' through {@link Signals#OUTBOX_CHANNEL}, notified in the same
 * transaction (so never for a rolled-back one) and handed to their event bus by their
 * {@link org.anju.platform.signals.SignalListener}. Readers still poll, in case that listener was
 * disconnected.
 */
public final class Outbox {

    /** Event-bus address published to (with no body) after notifications were committed. */
    public static final String COMMITTED_ADDRESS = "anju.notifications.committed";

    /** Arbitrary but fixed key of the advisory lock that orders appenders. */
    private static final long APPEND_LOCK_KEY = 0x616e6a75_6e6f7466L;
    // one round trip for both; the notification goes out at commit, once however many appends
    private static final String LOCK_AND_NOTIFY_SQL = "SELECT pg_advisory_xact_lock(?), pg_notify(?, ?)";

    private static final String INSERT_SQL = """
            INSERT INTO notifications (tenant_id, community_id, topic, fire, payload)
            VALUES (?, ?, ?, ?, ?::jsonb) RETURNING id""";

    private final Vertx vertx;
    private final String origin;
    /** One instance, so that a transaction appending many notifications wakes the readers once. */
    private final Runnable wake = this::wake;

    public Outbox(Vertx vertx) {
        this.vertx = vertx;
        this.origin = Signals.origin(vertx);
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
        lockAndNotify(tx);
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
        lockAndNotify(tx);
        tx.batch(INSERT_SQL.replace(" RETURNING id", ""), notifications, n -> new Object[] {n.tenantId(),
                n.communityId(), n.topic(), n.fire(), n.payload().toString()});
        tx.afterCommit(wake);
    }

    private void lockAndNotify(UnitOfWork.Tx tx) throws SQLException {
        tx.one(LOCK_AND_NOTIFY_SQL, rs -> true, APPEND_LOCK_KEY, Signals.OUTBOX_CHANNEL, origin);
    }

    private void wake() {
        vertx.eventBus().publish(COMMITTED_ADDRESS, null);
    }
}
