package org.anju.platform.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import org.anju.error.ServerError;
import org.anju.platform.query.ListRequest;
import org.anju.platform.query.Page;
import org.anju.platform.storage.SqlFailures;
import org.anju.platform.audit.AuditEntry;
import org.anju.platform.audit.AuditLog;
import org.anju.platform.notify.Notification;
import org.anju.platform.notify.Outbox;

/**
 * The delivery outbox in the database: fan-out of notifications to deliveries, claiming due
 * deliveries, recording attempts, and the delivery log. Blocks on JDBC: call it from a worker.
 */
public final class DeliveryStore {

    /** The topic of the notification that tells administrators a delivery was given up. */
    public static final String DEAD_LETTER_TOPIC = "webhook.dead_letter";

    private static final String NEW_NOTIFICATIONS_SQL = "SELECT id, created_at, tenant_id, community_id, topic, fire,"
            + " payload::text FROM notifications WHERE id > ? ORDER BY id LIMIT ?";
    private static final String INSERT_DELIVERY_SQL = """
            INSERT INTO webhook_deliveries (subscription_id, notification_id, next_attempt_at, created_at)
            VALUES (?, ?, ?, ?) ON CONFLICT (subscription_id, notification_id) DO NOTHING""";
    private static final String DUE_SQL = "SELECT d.id, d.attempts, d.idempotency_key, s.secret_ciphertext,"
            + " s.auth_ciphertext, d.attempts_before_round, n.id, n.created_at, n.tenant_id, n.community_id, n.topic, n.fire, n.payload::text, "
            + SubscriptionStore.COLUMNS
            + " FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id"
            + " JOIN notifications n ON n.id = d.notification_id"
            + " WHERE d.status = 'pending' AND d.next_attempt_at <= ? AND s.enabled"
            + " ORDER BY d.next_attempt_at, d.id LIMIT ? FOR UPDATE OF d SKIP LOCKED";
    private static final String ATTEMPT_SQL = """
            INSERT INTO webhook_attempts (delivery_id, attempt, started_at, duration_ms, status_code, error)
            VALUES (?, ?, ?, ?, ?, ?)""";
    private static final String FINISH_SQL = """
            UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt_at = ?, finished_at = ?,
                last_status_code = ?, last_error = ? WHERE id = ?""";

    private final DataSource dataSource;
    private final Outbox outbox;

    public DeliveryStore(DataSource dataSource, Outbox outbox) {
        this.dataSource = dataSource;
        this.outbox = outbox;
    }

    /**
     * Turns the next page of notifications after the stored cursor into one delivery per matching
     * subscription, and moves the cursor past them, in one transaction.
     *
     * @return the number of notifications read; a full page means there may be more
     */
    int fanOut(Instant now, int pageSize) {
        return inTransaction(c -> {
            long cursor;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT last_notification_id FROM webhook_dispatch_cursor WHERE id = 1 FOR UPDATE");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                cursor = rs.getLong(1);
            }
            List<StoredNotification> page = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(NEW_NOTIFICATIONS_SQL)) {
                ps.setLong(1, cursor);
                ps.setInt(2, pageSize);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        page.add(NotificationReader.read(rs));
                    }
                }
            }
            if (page.isEmpty()) {
                return 0;
            }
            List<Subscription> subscriptions;
            try (PreparedStatement ps = c.prepareStatement("SELECT " + SubscriptionStore.COLUMNS
                    + " FROM webhook_subscriptions s WHERE s.enabled")) {
                subscriptions = SubscriptionStore.readAll(ps);
            }
            try (PreparedStatement insert = c.prepareStatement(INSERT_DELIVERY_SQL)) {
                for (StoredNotification n : page) {
                    for (Subscription s : subscriptions) {
                        if (s.matches(n)) {
                            insert.setLong(1, s.id());
                            insert.setLong(2, n.id());
                            insert.setTimestamp(3, Timestamp.from(now));
                            insert.setTimestamp(4, Timestamp.from(now));
                            insert.addBatch();
                        }
                    }
                }
                insert.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE webhook_dispatch_cursor SET last_notification_id = ? WHERE id = 1")) {
                ps.setLong(1, page.get(page.size() - 1).id());
                ps.executeUpdate();
            }
            return page.size();
        });
    }

    /**
     * Claims up to {@code limit} due deliveries of enabled subscriptions: each is leased (made due
     * again only after {@code lease}) so that no other dispatcher sends it meanwhile, and so that
     * it is retried when this process dies mid-attempt.
     */
    List<DueDelivery> claimDue(Instant now, Duration lease, int limit) {
        return inTransaction(c -> {
            List<DueDelivery> due = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(DUE_SQL)) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        StoredNotification n = new StoredNotification(rs.getLong(7), rs.getTimestamp(8).toInstant(),
                                rs.getString(9), rs.getString(10), rs.getString(11), rs.getBoolean(12), rs.getString(13));
                        int attempt = rs.getInt(2) + 1;
                        due.add(new DueDelivery(rs.getLong(1), attempt, attempt - rs.getInt(6), (UUID) rs.getObject(3),
                                SubscriptionStore.read(rs, 14), rs.getBytes(4), rs.getBytes(5), n));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE webhook_deliveries SET next_attempt_at = ? WHERE id = ?")) {
                for (DueDelivery d : due) {
                    ps.setTimestamp(1, Timestamp.from(now.plus(lease)));
                    ps.setLong(2, d.id());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return due;
        });
    }

    /**
     * Records an attempt and the delivery's new state: delivered, pending until {@code retryAt},
     * or dead (when {@code retryAt} is null after a failure), in which case a
     * {@value #DEAD_LETTER_TOPIC} notification is appended in the same transaction, unless the
     * delivery was itself of a dead letter (so that failing receivers cannot feed each other).
     *
     * @return whether a dead-letter notification was appended (call {@link Outbox#committed()})
     */
    boolean record(DueDelivery d, AttemptResult result, Instant retryAt, Instant now) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(ATTEMPT_SQL)) {
                ps.setLong(1, d.id());
                ps.setInt(2, d.attempt());
                ps.setTimestamp(3, Timestamp.from(result.startedAt()));
                ps.setLong(4, result.durationMs());
                ps.setObject(5, result.statusCode());
                ps.setString(6, result.error());
                ps.executeUpdate();
            }
            String status = result.succeeded() ? "delivered" : retryAt != null ? "pending" : "dead";
            try (PreparedStatement ps = c.prepareStatement(FINISH_SQL)) {
                ps.setString(1, status);
                ps.setInt(2, d.attempt());
                ps.setTimestamp(3, Timestamp.from(retryAt != null ? retryAt : now));
                ps.setTimestamp(4, status.equals("pending") ? null : Timestamp.from(now));
                ps.setObject(5, result.statusCode());
                ps.setString(6, result.error());
                ps.setLong(7, d.id());
                ps.executeUpdate();
            }
            if (!status.equals("dead") || d.notification().topic().equals(DEAD_LETTER_TOPIC)) {
                return false;
            }
            outbox.append(c, deadLetter(d, result));
            return true;
        });
    }

    private static Notification deadLetter(DueDelivery d, AttemptResult last) {
        Subscription s = d.subscription();
        return new Notification(DEAD_LETTER_TOPIC, s.tenantId(), null, false, JsonNodeFactory.instance.objectNode()
                .put("deliveryId", d.id())
                .put("subscriptionId", s.id())
                .put("subscriptionName", s.name())
                .put("url", s.url())
                .put("notificationId", d.notification().id())
                .put("topic", d.notification().topic())
                .put("attempts", d.attempt())
                .put("lastStatusCode", last.statusCode())
                .put("lastError", last.error()));
    }

    /** What {@link #retryDead} found. */
    enum RetryOutcome { RETRIED, NOT_FOUND, NOT_DEAD }

    /**
     * Makes a dead delivery of the subscription due now, with a new round of attempts; the audit
     * entry is written in the same transaction.
     */
    RetryOutcome retryDead(long subscriptionId, long deliveryId, Instant now, AuditEntry audit) {
        return inTransaction(c -> {
            String status;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT status FROM webhook_deliveries WHERE id = ? AND subscription_id = ? FOR UPDATE")) {
                ps.setLong(1, deliveryId);
                ps.setLong(2, subscriptionId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return RetryOutcome.NOT_FOUND;
                    }
                    status = rs.getString(1);
                }
            }
            if (!status.equals("dead")) {
                return RetryOutcome.NOT_DEAD;
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE webhook_deliveries SET status = 'pending',"
                    + " next_attempt_at = ?, finished_at = NULL, attempts_before_round = attempts WHERE id = ?")) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setLong(2, deliveryId);
                ps.executeUpdate();
            }
            AuditLog.write(c, audit);
            return RetryOutcome.RETRIED;
        });
    }

    /**
     * Returns a page of a subscription's deliveries, newest first, with their attempts: those under
     * way at some time in the page's range (created before its end, not finished before its start).
     *
     * @param status only deliveries in this state; null for all
     */
    public Page<JsonObject> log(long subscriptionId, String status, ListRequest page) {
        String sql = "SELECT d.id, d.notification_id, n.topic, d.idempotency_key, d.status, d.attempts,"
                + " d.next_attempt_at, d.created_at, d.finished_at, d.last_status_code, d.last_error,"
                + " COALESCE((SELECT json_agg(json_build_object('attempt', a.attempt, 'startedAt', a.started_at,"
                + " 'durationMs', a.duration_ms, 'statusCode', a.status_code, 'error', a.error) ORDER BY a.attempt)"
                + " FROM webhook_attempts a WHERE a.delivery_id = d.id), '[]')::text"
                + " FROM webhook_deliveries d JOIN notifications n ON n.id = d.notification_id"
                + " WHERE d.subscription_id = ? AND (?::text IS NULL OR d.status = ?) AND d.id < ?"
                + " AND d.created_at < ? AND coalesce(d.finished_at, 'infinity'::timestamptz) >= ?"
                + " ORDER BY d.id DESC LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, subscriptionId);
            ps.setString(2, status);
            ps.setString(3, status);
            ps.setLong(4, page.afterId());
            ps.setTimestamp(5, Timestamp.from(page.to()));
            ps.setTimestamp(6, Timestamp.from(page.from()));
            ps.setInt(7, page.fetchSize());
            List<JsonObject> log = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    log.add(new JsonObject()
                            .put("id", rs.getLong(1))
                            .put("notificationId", rs.getLong(2))
                            .put("topic", rs.getString(3))
                            .put("idempotencyKey", rs.getString(4))
                            .put("status", rs.getString(5))
                            .put("attempts", rs.getInt(6))
                            .put("nextAttemptAt", rs.getString(5).equals("pending")
                                    ? rs.getTimestamp(7).toInstant().toString() : null)
                            .put("createdAt", rs.getTimestamp(8).toInstant().toString())
                            .put("finishedAt", rs.getTimestamp(9) == null ? null : rs.getTimestamp(9).toInstant().toString())
                            .put("lastStatusCode", rs.getObject(10))
                            .put("lastError", rs.getString(11))
                            .put("attemptLog", new JsonArray(rs.getString(12))));
                }
            }
            return page.page(log, d -> new Object[] {d.getLong("id")});
        } catch (SQLException e) {
            throw SqlFailures.toServerError("the delivery log", e);
        }
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw ServerError.unavailable("cannot reach the delivery outbox: " + e.getMessage(), e);
        }
    }
}
