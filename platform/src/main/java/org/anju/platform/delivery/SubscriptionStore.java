package org.anju.platform.delivery;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import io.vertx.core.json.JsonObject;

import org.anju.error.ServerError;
import org.anju.platform.query.ListRequest;
import org.anju.platform.query.Page;
import org.anju.platform.storage.SqlFailures;
import org.anju.platform.audit.AuditEntry;
import org.anju.platform.audit.AuditLog;
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

    private final DataSource dataSource;
    private final UnitOfWork db;

    public SubscriptionStore(DataSource dataSource) {
        this.dataSource = dataSource;
        this.db = UnitOfWork.of(dataSource);
    }

    /**
     * Stores a new subscription with its encrypted secrets; it receives notifications committed from
     * now on. The audit entry is written in the same transaction, about the new subscription.
     */
    public Subscription insert(SubscriptionSpec spec, String tenantId, String createdBy, byte[] secret, byte[] auth,
            Instant now, AuditEntry audit) {
        long id = db.inTransaction("webhook subscriptions", tx -> {
            long created = insert(tx.connection(), spec, tenantId, createdBy, secret, auth, now);
            AuditLog.write(tx, audit.about("webhook:" + created).forTenant(tenantId));
            return created;
        });
        return find(id).orElseThrow();
    }

    private static long insert(Connection c, SubscriptionSpec spec, String tenantId, String createdBy, byte[] secret,
            byte[] auth, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_SQL)) {
            ps.setString(1, tenantId);
            ps.setString(2, spec.name());
            ps.setString(3, spec.channel());
            ps.setString(4, spec.url());
            ps.setArray(5, c.createArrayOf("text", spec.topics().toArray()));
            ps.setArray(6, spec.communityIds() == null ? null : c.createArrayOf("text", spec.communityIds().toArray()));
            ps.setBoolean(7, spec.fireOnly());
            ps.setString(8, spec.settings().encode());
            ps.setBytes(9, secret);
            ps.setBytes(10, auth);
            ps.setBoolean(11, spec.enabled());
            ps.setString(12, createdBy);
            ps.setTimestamp(13, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Returns a page of the subscriptions of a tenant, or of every one when {@code tenantId} is null;
     * newest first.
     *
     * @param within only subscriptions limited to some of these communities; null for any subscription
     */
    public Page<Subscription> list(String tenantId, Collection<String> within, ListRequest page) {
        String sql = "SELECT " + COLUMNS + " FROM webhook_subscriptions s WHERE (?::text IS NULL OR s.tenant_id = ?)"
                + " AND (?::text[] IS NULL OR s.community_ids <@ ?::text[])"
                + " AND s.id < ? ORDER BY s.id DESC LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Array communities = within == null ? null : c.createArrayOf("text", within.toArray());
            ps.setString(1, tenantId);
            ps.setString(2, tenantId);
            ps.setArray(3, communities);
            ps.setArray(4, communities);
            ps.setLong(5, page.afterId());
            ps.setInt(6, page.fetchSize());
            return page.page(readAll(ps), s -> new Object[] {s.id()});
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    public Optional<Subscription> find(long id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                        + " FROM webhook_subscriptions s WHERE s.id = ?")) {
            ps.setLong(1, id);
            return readAll(ps).stream().findFirst();
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /**
     * Enables or disables a subscription; a disabled one keeps its pending deliveries until enabled
     * again. The audit entry is written in the same transaction.
     */
    public void setEnabled(long id, boolean enabled, AuditEntry audit) {
        db.inTransaction("webhook subscriptions", tx -> {
            tx.update("UPDATE webhook_subscriptions SET enabled = ? WHERE id = ?", enabled, id);
            AuditLog.write(tx, audit);
            return null;
        });
    }

    /** Deletes a subscription with its deliveries and their log; the audit entry is written in the same transaction. */
    public void delete(long id, AuditEntry audit) {
        db.inTransaction("webhook subscriptions", tx -> {
            tx.update("DELETE FROM webhook_subscriptions WHERE id = ?", id);
            AuditLog.write(tx, audit);
            return null;
        });
    }

    /** Returns the tenant of each of the communities that exist. */
    public Map<String, String> communityTenants(List<String> communityIds) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id, tenant_id FROM communities WHERE id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("text", communityIds.toArray()));
            Map<String, String> tenants = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tenants.put(rs.getString(1), rs.getString(2));
                }
            }
            return tenants;
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    public boolean tenantExists(String tenantId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM tenants WHERE id = ?")) {
            ps.setString(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    static List<Subscription> readAll(PreparedStatement ps) throws SQLException {
        List<Subscription> all = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                all.add(read(rs, 1));
            }
        }
        return all;
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

    private static ServerError unavailable(SQLException e) {
        return SqlFailures.toServerError("webhook subscriptions", e);
    }
}
