package org.anju.platform.delivery;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.vertx.core.json.JsonObject;

import org.anju.platform.audit.AuditEntry;
import org.anju.platform.audit.AuditLog;
import org.anju.platform.query.ListRequest;
import org.anju.platform.query.Page;
import org.anju.platform.registry.Devices;
import org.anju.platform.storage.UnitOfWork;

/**
 * Subscriptions in the database. Blocks on JDBC: call it from a worker.
 */
public final class SubscriptionStore {

    static final String COLUMNS = "s.id, s.tenant_id, s.name, s.channel, s.url, s.topics, s.community_ids, s.fire_only,"
            + " s.settings::text, s.enabled, s.after_notification, s.created_by, s.created_at";
    private static final String INSERT_SQL = """
            INSERT INTO webhook_subscriptions (tenant_id, name, channel, url, topics, community_ids, fire_only,
                settings, secret_ciphertext, auth_ciphertext, enabled, after_notification, created_by, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, (SELECT COALESCE(max(id), 0) FROM notifications), ?, ?)
            RETURNING id""";

    private static final String WHAT = "webhook subscriptions";

    private final UnitOfWork work;

    public SubscriptionStore(UnitOfWork work) {
        this.work = work;
    }

    /**
     * Stores a new subscription with its encrypted secrets; it receives notifications committed from
     * now on. The audit entry is written in the same transaction, about the new subscription.
     */
    public Subscription insert(SubscriptionSpec spec, String tenantId, String createdBy, byte[] secret, byte[] auth,
            Instant now, AuditEntry audit) {
        return work.inTransaction(WHAT, tx -> {
            long id = tx.one(INSERT_SQL, rs -> rs.getLong(1), tenantId, spec.name(), spec.channel(), spec.url(),
                    spec.topics().toArray(String[]::new),
                    spec.communityIds() == null ? null : spec.communityIds().toArray(String[]::new), spec.fireOnly(),
                    spec.settings().encode(), secret, auth, spec.enabled(), createdBy, now).orElseThrow();
            AuditLog.write(tx, audit.about("webhook:" + id).forTenant(tenantId));
            return find(tx, id).orElseThrow();
        });
    }

    /**
     * Returns a page of the subscriptions of a tenant, or of every one when {@code tenantId} is null;
     * newest first.
     *
     * @param within only subscriptions limited to some of these communities; null for any subscription
     */
    public Page<Subscription> list(String tenantId, Collection<String> within, ListRequest page) {
        String[] communities = within == null ? null : within.toArray(String[]::new);
        List<Subscription> rows = work.read(WHAT, tx -> tx.query("SELECT " + COLUMNS + " FROM webhook_subscriptions s"
                + " WHERE (?::text IS NULL OR s.tenant_id = ?) AND (?::text[] IS NULL OR s.community_ids <@ ?::text[])"
                + " AND s.id < ? ORDER BY s.id DESC LIMIT ?",
                rs -> read(rs, 1), tenantId, tenantId, communities, communities, page.afterId(), page.fetchSize()));
        return page.page(rows, s -> new Object[] {s.id()});
    }

    /** Returns the subscription, if there is one with this id. */
    public Optional<Subscription> find(long id) {
        return work.read(WHAT, tx -> find(tx, id));
    }

    private static Optional<Subscription> find(UnitOfWork.Tx tx, long id) throws SQLException {
        return tx.one("SELECT " + COLUMNS + " FROM webhook_subscriptions s WHERE s.id = ?", rs -> read(rs, 1), id);
    }

    /**
     * Enables or disables a subscription; a disabled one keeps its pending deliveries until enabled
     * again. The audit entry is written in the same transaction.
     */
    public void setEnabled(long id, boolean enabled, AuditEntry audit) {
        work.inTransaction(WHAT, tx -> {
            tx.update("UPDATE webhook_subscriptions SET enabled = ? WHERE id = ?", enabled, id);
            AuditLog.write(tx, audit);
            return null;
        });
    }

    /** Deletes a subscription with its deliveries and their log; the audit entry is written in the same transaction. */
    public void delete(long id, AuditEntry audit) {
        work.inTransaction(WHAT, tx -> {
            tx.update("DELETE FROM webhook_subscriptions WHERE id = ?", id);
            AuditLog.write(tx, audit);
            return null;
        });
    }

    /** Returns the tenant of each of the communities that exist (as the registry tells). */
    public Map<String, String> communityTenants(List<String> communityIds) {
        return work.read(WHAT, tx -> Devices.communityTenants(tx, communityIds));
    }

    /** Returns whether the tenant exists (as the registry tells). */
    public boolean tenantExists(String tenantId) {
        return work.read(WHAT, tx -> Devices.tenantExists(tx, tenantId));
    }

    /** Reads the {@link #COLUMNS} starting at column {@code first}. */
    static Subscription read(ResultSet rs, int first) throws SQLException {
        int i = first;
        return new Subscription(rs.getLong(i), rs.getString(i + 1), rs.getString(i + 2), rs.getString(i + 3),
                rs.getString(i + 4), texts(rs.getArray(i + 5)), texts(rs.getArray(i + 6)), rs.getBoolean(i + 7),
                new JsonObject(rs.getString(i + 8)), rs.getBoolean(i + 9), rs.getLong(i + 10), rs.getString(i + 11),
                rs.getTimestamp(i + 12).toInstant());
    }

    private static List<String> texts(Array array) throws SQLException {
        return array == null ? null : List.copyOf(Arrays.asList((String[]) array.getArray()));
    }
}
