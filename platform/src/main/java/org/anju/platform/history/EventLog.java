package org.anju.platform.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import javax.sql.DataSource;

import org.anju.error.ServerError;

/**
 * Reads stored device events a page at a time, newest first.
 * <p>
 * Pages are cut on (ts, id) (keyset paging): a page costs the same however deep it is, and events
 * stored while a client pages appear on no page twice and displace none. Methods block on JDBC:
 * call them from a worker.
 */
public final class EventLog {

    private final DataSource dataSource;

    public EventLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Returns the page the query asks for.
     *
     * @throws ServerError 503 when the database fails
     */
    public EventPage page(EventQuery q) {
        return page(q, null);
    }

    /**
     * Returns the page the query asks for, of devices of the given types only (what the reader may
     * see, e.g. the fire brigade: fire facilities).
     *
     * @param onlyTypes device types (wire names), or null for every type
     * @throws ServerError 503 when the database fails
     */
    public EventPage page(EventQuery q, Collection<String> onlyTypes) {
        StringBuilder sql = new StringBuilder("SELECT e.id, e.ts, e.device_id, e.kind, e.payload::text FROM device_events e");
        List<Object> params = new ArrayList<>();
        boolean joinDevices = q.scope() == EventQuery.Scope.COMMUNITY || q.deviceType() != null || onlyTypes != null;
        if (joinDevices) {
            sql.append(" JOIN devices d ON d.id = e.device_id");
        }
        sql.append(q.scope() == EventQuery.Scope.DEVICE ? " WHERE e.device_id = ?" : " WHERE d.community_id = ?");
        params.add(q.scopeId());
        condition(sql, params, " AND e.kind = ?", q.kind());
        condition(sql, params, " AND d.type = ?", q.deviceType());
        condition(sql, params, " AND d.type = ANY (?)", onlyTypes == null ? null : onlyTypes.toArray(String[]::new));
        condition(sql, params, " AND e.ts >= ?", q.from() == null ? null : Timestamp.from(q.from()));
        condition(sql, params, " AND e.ts < ?", q.to() == null ? null : Timestamp.from(q.to()));
        if (q.after() != null) {
            Timestamp ts = Timestamp.from(q.after().ts());
            sql.append(" AND e.ts <= ? AND (e.ts < ? OR e.id < ?)");
            params.add(ts);
            params.add(ts);
            params.add(q.after().id());
        }
        sql.append(" ORDER BY e.ts DESC, e.id DESC LIMIT ?");
        params.add(q.limit() + 1);
        List<EventRecord> events = query(sql.toString(), params);
        if (events.size() <= q.limit()) {
            return new EventPage(events, null);
        }
        List<EventRecord> page = events.subList(0, q.limit());
        EventRecord last = page.get(page.size() - 1);
        return new EventPage(page, new EventCursor(last.ts(), last.id()).encode());
    }

    private static void condition(StringBuilder sql, List<Object> params, String clause, Object value) {
        if (value != null) {
            sql.append(clause);
            params.add(value);
        }
    }

    private List<EventRecord> query(String sql, List<Object> params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            List<EventRecord> events = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new EventRecord(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                            rs.getString(4), rs.getString(5)));
                }
            }
            return events;
        } catch (SQLException e) {
            throw ServerError.unavailable("events unavailable: " + e.getMessage(), e);
        }
    }
}
