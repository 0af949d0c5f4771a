package org.anju.platform.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.anju.platform.storage.Sql;
import org.anju.platform.storage.UnitOfWork;

/**
 * Reads committed notifications in id order. Blocks on JDBC: call it from a worker.
 * <p>
 * Appenders serialise (see {@link org.anju.platform.delivery.Outbox}), so after reading up to id N a
 * reader never later finds a new notification below N: "everything after N" is a complete resume
 * point.
 */
public final class NotificationReader {

    private static final String COLUMNS = "id, created_at, tenant_id, community_id, topic, fire, payload::text";
    private static final String AFTER_SQL = "SELECT " + COLUMNS + " FROM notifications WHERE id > ? AND id <= ?"
            + " AND (? OR (? AND fire) OR community_id = ANY (?) OR (tenant_id = ? AND community_id IS NULL))"
            + " ORDER BY id LIMIT ?";

    private static final String WHAT = "notifications";

    private final UnitOfWork work;

    public NotificationReader(UnitOfWork work) {
        this.work = work;
    }

    /** Returns the highest notification id, 0 when there is none. */
    public long head() {
        return work.read(WHAT, tx -> tx.one("SELECT COALESCE(max(id), 0) FROM notifications", rs -> rs.getLong(1))
                .orElseThrow());
    }

    /** Returns when the first notification after {@code after} was created, empty when there is none. */
    public Optional<Instant> createdAfter(long after) {
        return work.read(WHAT, tx -> tx.one("SELECT created_at FROM notifications WHERE id > ? ORDER BY id LIMIT 1",
                rs -> Sql.instant(rs, "created_at"), after));
    }

    /** Returns up to {@code limit} notifications the filter lets through, ids in (after, upTo], in id order. */
    public List<StoredNotification> after(long after, long upTo, FeedFilter filter, int limit) {
        return work.read(WHAT, tx -> tx.query(AFTER_SQL, NotificationReader::read, after, upTo, filter.all(),
                filter.fire(), filter.communities().toArray(String[]::new), filter.tenantLevelOf(), limit));
    }

    static StoredNotification read(ResultSet rs) throws SQLException {
        return new StoredNotification(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getBoolean(6), rs.getString(7));
    }
}
