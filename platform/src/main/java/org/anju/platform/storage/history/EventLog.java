package org.anju.platform.storage.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.anju.error.ServerError;
import org.anju.platform.query.ListLimits;
import org.anju.platform.query.ListRequest;
import org.anju.platform.query.Page;
import org.anju.platform.query.PageCursor;
import org.anju.platform.registry.Devices;
import org.anju.platform.storage.Sql;
import org.anju.platform.storage.UnitOfWork;

/**
 * Reads stored device events a page at a time, newest first, always within a bounded time range.
 * <p>
 * Pages are cut on (ts, id) (keyset paging): a page costs the same however deep it is, and events
 * stored while a client pages appear on no page twice and displace none. Also the reads of events
 * in id order that the alert rules replay after a restart. Methods block on JDBC: call them from a
 * worker.
 */
public final class EventLog {

    private static final String COLUMNS = "e.id, e.ts, e.device_id, e.kind, e.payload::text";

    private final UnitOfWork work;
    private final ListLimits limits;

    /**
     * @param work   a unit of work of the interactive class
     * @param limits the events' range and page limits
     */
    public EventLog(UnitOfWork work, ListLimits limits) {
        this.work = work;
        this.limits = limits;
    }

    /** Returns the limits requests are read with. */
    public ListLimits limits() {
        return limits;
    }

    /**
     * Returns the page the query asks for. The devices of a community, and the type of a device,
     * come from the registry in the same read transaction.
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
        ListRequest page = q.page();
        List<EventRecord> events = work.read("events", tx -> {
            List<String> devices = devices(tx, q, onlyTypes);
            if (devices.isEmpty()) {
                return List.of();
            }
            StringBuilder sql = new StringBuilder("SELECT " + COLUMNS
                    + " FROM device_events e WHERE e.device_id = ANY (?) AND e.ts >= ? AND e.ts < ?");
            List<Object> params = new ArrayList<>(List.of(devices.toArray(String[]::new), page.from(), page.to()));
            if (q.kind() != null) {
                sql.append(" AND e.kind = ?");
                params.add(q.kind());
            }
            PageCursor after = page.after();
            if (after != null) {
                sql.append(" AND e.ts <= ? AND (e.ts < ? OR e.id < ?)");
                params.add(after.instant(0));
                params.add(after.instant(0));
                params.add(after.number(1));
            }
            sql.append(" ORDER BY e.ts DESC, e.id DESC LIMIT ?");
            params.add(page.fetchSize());
            return tx.query(sql.toString(), EventLog::record, params.toArray());
        });
        Page<EventRecord> cut = page.page(events, e -> new Object[] {e.ts(), e.id()});
        return new EventPage(cut.items(), cut.nextCursor());
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

    /**
     * Returns up to {@code limit} events of the given kinds with ids after {@code after}, in id
     * order; in the caller's transaction. For derivations that keep their own cursor (visits from
     * plate reads, charging sessions): one ingest lane writes the devices' events, so an id once
     * visible has every smaller id of that lane committed before it.
     */
    public static List<EventRecord> afterOfKinds(UnitOfWork.Tx tx, long after, Collection<String> kinds, int limit)
            throws SQLException {
        return tx.query("SELECT " + COLUMNS + " FROM device_events e WHERE e.id > ? AND e.kind = ANY (?) ORDER BY e.id LIMIT ?",
                EventLog::record, after, kinds.toArray(String[]::new), limit);
    }

    /**
     * The devices whose events the query asks for: one device, or a community's; of the type asked
     * (if any) and of the types the reader may see (if limited).
     */
    private static List<String> devices(UnitOfWork.Tx tx, EventQuery q, Collection<String> onlyTypes)
            throws SQLException {
        Predicate<String> typeWanted = type -> (q.deviceType() == null || q.deviceType().equals(type))
                && (onlyTypes == null || onlyTypes.contains(type));
        if (q.scope() == EventQuery.Scope.DEVICE) {
            return Devices.typeOf(tx, q.scopeId()).filter(typeWanted).isPresent() ? List.of(q.scopeId()) : List.of();
        }
        return Devices.ofCommunity(tx, q.scopeId()).entrySet().stream()
                .filter(device -> typeWanted.test(device.getValue()))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    private static EventRecord record(ResultSet rs) throws SQLException {
        return new EventRecord(rs.getLong(1), Sql.instant(rs, "ts"), rs.getString(3), rs.getString(4), rs.getString(5));
    }
}
