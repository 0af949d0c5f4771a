package org.anju.platform.storage.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.anju.error.ServerError;
import org.anju.platform.registry.Devices;
import org.anju.platform.storage.Sql;
import org.anju.platform.storage.UnitOfWork;

/**
 * Reads stored device events a page at a time, newest first.
 * <p>
 * Pages are cut on (ts, id) (keyset paging): a page costs the same however deep it is, and events
 * stored while a client pages appear on no page twice and displace none. Also the reads of events
 * in id order that the alert rules replay after a restart. Methods block on JDBC: call them from a
 * worker.
 */
public final class EventLog {

    private static final String COLUMNS = "e.id, e.ts, e.device_id, e.kind, e.payload::text";

    private final UnitOfWork work;

    public EventLog(UnitOfWork work) {
        this.work = work;
    }

    /**
     * Returns the page the query asks for. The devices of a community, and the type of a device,
     * come from the registry in the same read transaction.
     *
     * @throws ServerError 503 when the database fails
     */
    public EventPage page(EventQuery q) {
        List<EventRecord> events = work.read("events", tx -> {
            List<String> devices = devices(tx, q);
            if (devices.isEmpty()) {
                return List.of();
            }
            StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM device_events e WHERE e.device_id = ANY (?)");
            List<Object> params = new ArrayList<>();
            params.add(devices.toArray(String[]::new));
            condition(sql, params, " AND e.kind = ?", q.kind());
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
            return tx.query(sql.toString(), EventLog::record, params.toArray());
        });
        if (events.size() <= q.limit()) {
            return new EventPage(events, null);
        }
        List<EventRecord> page = events.subList(0, q.limit());
        EventRecord last = page.get(page.size() - 1);
        return new EventPage(page, new EventCursor(last.ts(), last.id()).encode());
    }

    /** Returns the id of the newest stored event, 0 when there is none; in the caller's transaction. */
    public static long newestId(UnitOfWork.Tx tx) throws SQLException {
        return tx.one("SELECT coalesce(max(id), 0) FROM device_events", rs -> rs.getLong(1)).orElseThrow();
    }

    /**
     * Returns up to {@code limit} events with ids in {@code (after, upTo]}, in id order (the order
     * ingest's events lane committed them in); in the caller's transaction.
     */
    public static List<EventRecord> after(UnitOfWork.Tx tx, long after, long upTo, int limit) throws SQLException {
        return tx.query("SELECT " + COLUMNS + " FROM device_events e WHERE e.id > ? AND e.id <= ? ORDER BY e.id LIMIT ?",
                EventLog::record, after, upTo, limit);
    }

    /** The devices whose events the query asks for: one device (of the type asked, if any), or a community's. */
    private static List<String> devices(UnitOfWork.Tx tx, EventQuery q) throws SQLException {
        if (q.scope() == EventQuery.Scope.DEVICE) {
            boolean ofType = q.deviceType() == null || Devices.typeOf(tx, q.scopeId()).filter(q.deviceType()::equals).isPresent();
            return ofType ? List.of(q.scopeId()) : List.of();
        }
        return Devices.ofCommunity(tx, q.scopeId()).entrySet().stream()
                .filter(device -> q.deviceType() == null || q.deviceType().equals(device.getValue()))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    private static void condition(StringBuilder sql, List<Object> params, String clause, Object value) {
        if (value != null) {
            sql.append(clause);
            params.add(value);
        }
    }

    private static EventRecord record(ResultSet rs) throws SQLException {
        return new EventRecord(rs.getLong(1), Sql.instant(rs, "ts"), rs.getString(3), rs.getString(4), rs.getString(5));
    }
}
