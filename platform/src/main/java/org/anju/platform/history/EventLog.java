package org.anju.platform.history;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.anju.error.ServerError;
import org.anju.platform.query.ListLimits;
import org.anju.platform.query.ListRequest;
import org.anju.platform.query.Page;
import org.anju.platform.query.PageCursor;
import org.anju.platform.storage.UnitOfWork;

/**
 * Reads stored device events a page at a time, newest first, always within a bounded time range.
 * <p>
 * Pages are cut on (ts, id) (keyset paging): a page costs the same however deep it is, and events
 * stored while a client pages appear on no page twice and displace none. Methods block on JDBC:
 * call them from a worker.
 */
public final class EventLog {

    private final UnitOfWork db;
    private final ListLimits limits;

    /**
     * @param db     a unit of work of the interactive class
     * @param limits the events' range and page limits
     */
    public EventLog(UnitOfWork db, ListLimits limits) {
        this.db = db;
        this.limits = limits;
    }

    /** Returns the limits requests are read with. */
    public ListLimits limits() {
        return limits;
    }

    /**
     * Returns the page the query asks for.
     *
     * @throws ServerError 503 when the database fails, 504 when the statement timeout ran out
     */
    public EventPage page(EventQuery q) {
        return page(q, null);
    }

    /**
     * Returns the page the query asks for, of devices of the given types only (what the reader may
     * see, e.g. the fire brigade: fire facilities).
     *
     * @param onlyTypes device types (wire names), or null for every type
     * @throws ServerError 503 when the database fails, 504 when the statement timeout ran out
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
        ListRequest page = q.page();
        sql.append(" AND e.ts >= ? AND e.ts < ?");
        params.add(page.from());
        params.add(page.to());
        condition(sql, params, " AND e.kind = ?", q.kind());
        condition(sql, params, " AND d.type = ?", q.deviceType());
        condition(sql, params, " AND d.type = ANY (?)", onlyTypes == null ? null : onlyTypes.toArray(String[]::new));
        PageCursor after = page.after();
        if (after != null) {
            sql.append(" AND e.ts <= ? AND (e.ts < ? OR e.id < ?)");
            params.add(after.instant(0));
            params.add(after.instant(0));
            params.add(after.number(1));
        }
        sql.append(" ORDER BY e.ts DESC, e.id DESC LIMIT ?");
        params.add(page.fetchSize());
        List<EventRecord> events = db.read("events", tx -> tx.query(sql.toString(), rs -> new EventRecord(rs.getLong(1),
                rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4), rs.getString(5)), params.toArray()));
        Page<EventRecord> cut = page.page(events, e -> new Object[] {e.ts(), e.id()});
        return new EventPage(cut.items(), cut.nextCursor());
    }

    private static void condition(StringBuilder sql, List<Object> params, String clause, Object value) {
        if (value != null) {
            sql.append(clause);
            params.add(value);
        }
    }
}
