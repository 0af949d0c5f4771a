package org.anju.platform.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.anju.error.ServerError;
import org.anju.platform.storage.SqlFailures;

/**
 * Reads committed notifications in id order. Blocks on JDBC: call it from a worker.
 * <p>
 * Appenders serialise (see {@link org.anju.platform.notify.Outbox}), so after reading up to id N a
 * reader never later finds a new notification below N: "everything after N" is a complete resume
 * point.
 */
public final class NotificationReader {

    private static final String COLUMNS = "id, created_at, tenant_id, community_id, topic, fire, payload::text";
    private static final String AFTER_SQL = "SELECT " + COLUMNS + " FROM notifications WHERE id > ? AND id <= ?"
            + " AND (? OR (? AND fire) OR community_id = ANY (?) OR (tenant_id = ? AND community_id IS NULL))"
            + " ORDER BY id LIMIT ?";

    private final DataSource dataSource;

    public NotificationReader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Returns the highest notification id, 0 when there is none. */
    public long head() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COALESCE(max(id), 0) FROM notifications");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw ServerError.unavailable("cannot read notifications: " + e.getMessage(), e);
        }
    }

    /** Returns when the first notification after {@code after} was created, empty when there is none. */
    public Optional<Instant> createdAfter(long after) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT created_at FROM notifications WHERE id > ? ORDER BY id LIMIT 1")) {
            ps.setLong(1, after);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.empty();
            }
        } catch (SQLException e) {
            throw SqlFailures.toServerError("notifications", e);
        }
    }

    /** Returns up to {@code limit} notifications the filter lets through, ids in (after, upTo], in id order. */
    public List<StoredNotification> after(long after, long upTo, FeedFilter filter, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(AFTER_SQL)) {
            ps.setLong(1, after);
            ps.setLong(2, upTo);
            ps.setBoolean(3, filter.all());
            ps.setBoolean(4, filter.fire());
            ps.setArray(5, c.createArrayOf("text", filter.communities().toArray()));
            ps.setString(6, filter.tenantLevelOf());
            ps.setInt(7, limit);
            List<StoredNotification> page = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    page.add(read(rs));
                }
            }
            return page;
        } catch (SQLException e) {
            throw ServerError.unavailable("cannot read notifications: " + e.getMessage(), e);
        }
    }

    static StoredNotification read(ResultSet rs) throws SQLException {
        return new StoredNotification(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getBoolean(6), rs.getString(7));
    }
}
