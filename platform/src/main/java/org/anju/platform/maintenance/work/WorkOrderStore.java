package org.anju.platform.maintenance.work;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.anju.platform.alerts.AlertJson;
import org.anju.platform.storage.Sql;
import org.anju.platform.storage.UnitOfWork;

/** The SQL of {@code work_orders}. */
final class WorkOrderStore {

    private static final String INSERT = """
            INSERT INTO work_orders (tenant_id, community_id, device_id, device_type, source, source_ref, alert_id,
                                     title, due_on, emergency, emergency_kind, evidence, checklist, min_crew, status,
                                     company_id, assigned_at, opened_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (source_ref) DO NOTHING RETURNING id""";

    /** What a list asks for; null fields do not filter. */
    record Filter(String communityId, WorkStatus status, String deviceId, Long companyId, LocalDate dueBefore,
            Boolean emergency, String assignee, Long afterId, int limit) {
    }

    private WorkOrderStore() {
    }

    /**
     * Inserts the order unless one exists for its source reference; a concurrent insert of the same
     * reference waits for the other transaction and then inserts nothing. An order with a company is
     * assigned to it from the start.
     *
     * @return the new order's id, empty when one existed
     */
    static Optional<Long> insert(UnitOfWork.Tx tx, NewOrder o, Instant now) throws SQLException {
        return tx.one(INSERT, rs -> rs.getLong(1), o.tenantId(), o.due().communityId(), o.due().deviceId(),
                o.deviceType(), o.due().source().wireName(), o.due().sourceRef(), o.alertId(), o.due().title(),
                o.due().dueOn(), o.emergencyKind() != null, o.emergencyKind(), o.due().evidence(),
                o.checklist().toArray(String[]::new), o.due().minCrew(), o.companyId() == null ? "open" : "assigned",
                o.companyId(), o.companyId() == null ? null : now, now, now);
    }

    static Optional<Long> idOf(UnitOfWork.Tx tx, String sourceRef) throws SQLException {
        return tx.one("SELECT id FROM work_orders WHERE source_ref = ?", rs -> rs.getLong(1), sourceRef);
    }

    static Optional<WorkOrder> get(UnitOfWork.Tx tx, long id) throws SQLException {
        return tx.one("SELECT * FROM work_orders WHERE id = ?", WorkOrderStore::view, id);
    }

    /** Returns the order, locked until the transaction ends. */
    static Optional<WorkOrder> lock(UnitOfWork.Tx tx, long id) throws SQLException {
        return tx.one("SELECT * FROM work_orders WHERE id = ? FOR UPDATE", WorkOrderStore::view, id);
    }

    /** Returns the orders that match, newest first. */
    static List<WorkOrder> list(UnitOfWork.Tx tx, Filter f) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT * FROM work_orders WHERE community_id = ?");
        List<Object> args = new ArrayList<>(List.of(f.communityId()));
        and(sql, args, "status = ?", f.status() == null ? null : f.status().wireName());
        and(sql, args, "device_id = ?", f.deviceId());
        and(sql, args, "company_id = ?", f.companyId());
        and(sql, args, "due_on < ?", f.dueBefore());
        and(sql, args, "emergency = ?", f.emergency());
        and(sql, args, "assignee = ?", f.assignee());
        and(sql, args, "id < ?", f.afterId());
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(f.limit());
        return tx.query(sql.toString(), WorkOrderStore::view, args.toArray());
    }

    private static void and(StringBuilder sql, List<Object> args, String condition, Object value) {
        if (value != null) {
            sql.append(" AND ").append(condition);
            args.add(value);
        }
    }

    static void assign(UnitOfWork.Tx tx, long id, Long companyId, String assignee, Instant now) throws SQLException {
        tx.update("""
                UPDATE work_orders SET status = 'assigned', company_id = ?, assignee = ?, assigned_at = ?, updated_at = ?
                 WHERE id = ?""", companyId, assignee, now, now, id);
    }

    static void start(UnitOfWork.Tx tx, long id, List<String> crew, Instant now) throws SQLException {
        tx.update("UPDATE work_orders SET status = 'in_progress', crew = ?, started_at = ?, updated_at = ? WHERE id = ?",
                crew.toArray(String[]::new), now, now, id);
    }

    static void answer(UnitOfWork.Tx tx, long id, String answers, Instant now) throws SQLException {
        tx.update("UPDATE work_orders SET checklist_results = checklist_results || ?::jsonb, updated_at = ? WHERE id = ?",
                answers, now, id);
    }

    /** Appends notes (a JSON array, {@code []} for none) and photo references. */
    static void note(UnitOfWork.Tx tx, long id, String notes, List<String> photos, Instant now) throws SQLException {
        tx.update("""
                UPDATE work_orders SET notes = notes || ?::jsonb, photos = photos || ?, updated_at = ? WHERE id = ?""",
                notes, photos.toArray(String[]::new), now, id);
    }

    static void done(UnitOfWork.Tx tx, long id, Instant now) throws SQLException {
        tx.update("UPDATE work_orders SET status = 'done', done_at = ?, updated_at = ? WHERE id = ?", now, now, id);
    }

    static void verify(UnitOfWork.Tx tx, long id, String by, Instant now) throws SQLException {
        tx.update("UPDATE work_orders SET status = 'verified', verified_at = ?, verified_by = ?, updated_at = ? WHERE id = ?",
                now, by, now, id);
    }

    static void cancel(UnitOfWork.Tx tx, long id, String reason, Instant now) throws SQLException {
        tx.update("""
                UPDATE work_orders SET status = 'cancelled', cancel_reason = ?, cancelled_at = ?, updated_at = ?
                 WHERE id = ?""", reason, now, now, id);
    }

    /**
     * Records that the fault behind the order cleared at {@code at}, with a note by "device" in its
     * history, unless the order is verified or cancelled; the status stays as it is.
     *
     * @return whether the order recorded it
     */
    static boolean faultCleared(UnitOfWork.Tx tx, long id, Instant at, String note, Instant now) throws SQLException {
        return tx.update("""
                UPDATE work_orders SET fault_cleared_at = ?, notes = notes || ?::jsonb, updated_at = ?
                 WHERE id = ? AND status IN ('open', 'assigned', 'in_progress', 'done')""", at, note, now, id) == 1;
    }

    /**
     * Returns the pending orders due before {@code day} that have fewer escalation steps notified
     * than their community has ({@code steps} of those named, else {@code defaultSteps}), oldest due
     * first, at most {@code limit}.
     */
    static List<WorkOrder> overdue(UnitOfWork.Tx tx, LocalDate day, Map<String, List<Integer>> steps, int defaultSteps,
            int limit) throws SQLException {
        String[] communities = steps.keySet().toArray(String[]::new);
        Array counts = Sql.array(tx.connection(), "int4", Arrays.stream(communities).map(c -> steps.get(c).size()).toList());
        return tx.query("""
                SELECT * FROM work_orders o WHERE status IN ('open', 'assigned', 'in_progress') AND due_on < ?
                   AND (SELECT count(*) FROM work_order_escalations e WHERE e.work_order_id = o.id)
                       < coalesce((SELECT s.n FROM unnest(?::text[], ?::int[]) AS s (c, n) WHERE s.c = o.community_id), ?)
                 ORDER BY due_on, id LIMIT ?""", WorkOrderStore::view, day, communities, counts, defaultSteps, limit);
    }

    /** Returns the community's orders opened since {@code since} (for performance), oldest first. */
    static List<WorkOrder> openedSince(UnitOfWork.Tx tx, String communityId, Instant since) throws SQLException {
        return tx.query("SELECT * FROM work_orders WHERE community_id = ? AND opened_at >= ? ORDER BY opened_at, id",
                WorkOrderStore::view, communityId, since);
    }

    /** Records that the step of the order's escalation was notified; false when it already was. */
    static boolean escalated(UnitOfWork.Tx tx, long id, int step, Instant now) throws SQLException {
        return tx.update("""
                INSERT INTO work_order_escalations (work_order_id, step, escalated_at) VALUES (?, ?, ?)
                ON CONFLICT DO NOTHING""", id, step, now) == 1;
    }

    private static WorkOrder view(ResultSet rs) throws SQLException {
        long company = rs.getLong("company_id");
        Long companyId = rs.wasNull() ? null : company;
        long alert = rs.getLong("alert_id");
        Long alertId = rs.wasNull() ? null : alert;
        String evidence = rs.getString("evidence");
        return new WorkOrder(rs.getLong("id"), rs.getString("tenant_id"), rs.getString("community_id"),
                rs.getString("device_id"), rs.getString("device_type"), rs.getString("source"),
                rs.getString("source_ref"), alertId, rs.getString("title"), rs.getObject("due_on", LocalDate.class),
                rs.getBoolean("emergency"), rs.getString("emergency_kind"),
                evidence == null ? null : AlertJson.read(evidence), texts(rs.getArray("checklist")), rs.getInt("min_crew"),
                rs.getString("status"), companyId, rs.getString("assignee"), texts(rs.getArray("crew")),
                AlertJson.read(rs.getString("checklist_results")), texts(rs.getArray("photos")),
                AlertJson.read(rs.getString("notes")), rs.getString("cancel_reason"), Sql.instant(rs, "opened_at"),
                Sql.instant(rs, "assigned_at"), Sql.instant(rs, "started_at"), Sql.instant(rs, "done_at"),
                Sql.instant(rs, "verified_at"), rs.getString("verified_by"), Sql.instant(rs, "cancelled_at"),
                Sql.instant(rs, "fault_cleared_at"));
    }

    private static List<String> texts(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
