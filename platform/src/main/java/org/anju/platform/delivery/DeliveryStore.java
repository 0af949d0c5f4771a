package org.anju.platform.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import org.anju.platform.audit.AuditEntry;
import org.anju.platform.audit.AuditLog;
import org.anju.platform.query.ListRequest;
import org.anju.platform.query.Page;
import org.anju.platform.storage.Sql;
import org.anju.platform.storage.UnitOfWork;

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
    private static final String LOG_SQL = """
            SELECT d.id, d.notification_id, n.topic, d.idempotency_key, d.status, d.attempts,
                   d.next_attempt_at, d.created_at, d.finished_at, d.last_status_code, d.last_error,
                   COALESCE((SELECT json_agg(json_build_object('attempt', a.attempt, 'startedAt', a.started_at,
                       'durationMs', a.duration_ms, 'statusCode', a.status_code, 'error', a.error) ORDER BY a.attempt)
                       FROM webhook_attempts a WHERE a.delivery_id = d.id), '[]')::text
              FROM webhook_deliveries d JOIN notifications n ON n.id = d.notification_id
             WHERE d.subscription_id = ? AND (?::text IS NULL OR d.status = ?) AND d.id < ?
               AND d.created_at < ? AND coalesce(d.finished_at, 'infinity'::timestamptz) >= ?
             ORDER BY d.id DESC LIMIT ?""";
    private static final String WHAT = "webhook deliveries";
    private static final String FINISH_SQL = """
            UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt_at = ?, finished_at = ?,
                last_status_code = ?, last_error = ? WHERE id = ?""";

    private final UnitOfWork work;
    private final Outbox outbox;

    public DeliveryStore(UnitOfWork work, Outbox outbox) {
        this.work = work;
        this.outbox = outbox;
    }

    /**
     * Turns the next page of notifications after the stored cursor into one delivery per matching
     * subscription, and moves the cursor past them, in one transaction.
     *
     * @return the number of notifications read; a full page means there may be more
     */
    int fanOut(Instant now, int pageSize) {
        return work.inTransaction(WHAT, tx -> {
            long cursor = tx.one("SELECT last_notification_id FROM webhook_dispatch_cursor WHERE id = 1 FOR UPDATE",
                    rs -> rs.getLong(1)).orElseThrow();
            List<StoredNotification> page = tx.query(NEW_NOTIFICATIONS_SQL, NotificationReader::read, cursor, pageSize);
            if (page.isEmpty()) {
                return 0;
            }
            List<Subscription> subscriptions = tx.query("SELECT " + SubscriptionStore.COLUMNS
                    + " FROM webhook_subscriptions s WHERE s.enabled", rs -> SubscriptionStore.read(rs, 1));
            List<Object[]> deliveries = new ArrayList<>();
            for (StoredNotification n : page) {
                for (Subscription s : subscriptions) {
                    if (s.matches(n)) {
                        deliveries.add(new Object[] {s.id(), n.id(), now, now});
                    }
                }
            }
            tx.batch(INSERT_DELIVERY_SQL, deliveries, row -> row);
            tx.update("UPDATE webhook_dispatch_cursor SET last_notification_id = ? WHERE id = 1", page.getLast().id());
            return page.size();
        });
    }

    /**
     * Claims up to {@code limit} due deliveries of enabled subscriptions: each is leased (made due
     * again only after {@code lease}) so that no other dispatcher sends it meanwhile, and so that
     * it is retried when this process dies mid-attempt.
     */
    List<DueDelivery> claimDue(Instant now, Duration lease, int limit) {
        return work.inTransaction(WHAT, tx -> {
            List<DueDelivery> due = tx.query(DUE_SQL, rs -> {
                StoredNotification n = new StoredNotification(rs.getLong(7), rs.getTimestamp(8).toInstant(),
                        rs.getString(9), rs.getString(10), rs.getString(11), rs.getBoolean(12), rs.getString(13));
                int attempt = rs.getInt(2) + 1;
                return new DueDelivery(rs.getLong(1), attempt, attempt - rs.getInt(6), (UUID) rs.getObject(3),
                        SubscriptionStore.read(rs, 14), rs.getBytes(4), rs.getBytes(5), n);
            }, now, limit);
            tx.batch("UPDATE webhook_deliveries SET next_attempt_at = ? WHERE id = ?", due,
                    d -> new Object[] {now.plus(lease), d.id()});
            return due;
        });
    }

    /**
     * Records an attempt and the delivery's new state: delivered, pending until {@code retryAt},
     * or dead (when {@code retryAt} is null after a failure), in which case a
     * {@value #DEAD_LETTER_TOPIC} notification is appended in the same transaction, unless the
     * delivery was itself of a dead letter (so that failing receivers cannot feed each other).
     */
    void record(DueDelivery d, AttemptResult result, Instant retryAt, Instant now) {
        work.inTransaction(WHAT, tx -> {
            tx.update(ATTEMPT_SQL, d.id(), d.attempt(), result.startedAt(), result.durationMs(), result.statusCode(),
                    result.error());
            String status = result.succeeded() ? "delivered" : retryAt != null ? "pending" : "dead";
            tx.update(FINISH_SQL, status, d.attempt(), retryAt != null ? retryAt : now,
                    status.equals("pending") ? null : now, result.statusCode(), result.error(), d.id());
            if (status.equals("dead") && !d.notification().topic().equals(DEAD_LETTER_TOPIC)) {
                outbox.append(tx, deadLetter(d, result));
            }
            return null;
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
        return work.inTransaction(WHAT, tx -> {
            String status = tx.one("SELECT status FROM webhook_deliveries WHERE id = ? AND subscription_id = ? FOR UPDATE",
                    rs -> rs.getString(1), deliveryId, subscriptionId).orElse(null);
            if (status == null) {
                return RetryOutcome.NOT_FOUND;
            }
            if (!status.equals("dead")) {
                return RetryOutcome.NOT_DEAD;
            }
            tx.update("UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ?, finished_at = NULL,"
                    + " attempts_before_round = attempts WHERE id = ?", now, deliveryId);
            AuditLog.write(tx, audit);
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
        List<JsonObject> rows = work.read(WHAT, tx -> tx.query(LOG_SQL, rs -> new JsonObject()
                .put("id", rs.getLong(1))
                .put("notificationId", rs.getLong(2))
                .put("topic", rs.getString(3))
                .put("idempotencyKey", rs.getString(4))
                .put("status", rs.getString(5))
                .put("attempts", rs.getInt(6))
                .put("nextAttemptAt", rs.getString(5).equals("pending") ? text(Sql.instant(rs, "next_attempt_at")) : null)
                .put("createdAt", text(Sql.instant(rs, "created_at")))
                .put("finishedAt", text(Sql.instant(rs, "finished_at")))
                .put("lastStatusCode", rs.getObject(10))
                .put("lastError", rs.getString(11))
                .put("attemptLog", new JsonArray(rs.getString(12))),
                subscriptionId, status, status, page.afterId(), page.to(), page.from(), page.fetchSize()));
        return page.page(rows, d -> new Object[] {d.getLong("id")});
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
