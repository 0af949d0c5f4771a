package org.anju.platform.fire;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.anju.platform.alerts.Scope;
import org.anju.platform.query.ListRequest;
import org.anju.platform.query.Page;
import org.anju.platform.storage.Sql;

/**
 * All SQL of fire cases and their audit trail; methods run in the caller's transaction.
 */
final class FireCaseStore {

    private static final String VIEW = """
            SELECT f.*, a.address, a.building_id, a.floor
              FROM fire_cases f JOIN alerts a ON a.id = f.alert_id""";

    long insert(Connection c, long alertId, String tenantId, String communityId, String deviceId, Instant now)
            throws SQLException {
        return Sql.one(c, """
                INSERT INTO fire_cases (alert_id, tenant_id, community_id, device_id, state, received_at, updated_at)
                VALUES (?, ?, ?, ?, 'received', ?, ?) RETURNING id""", rs -> rs.getLong(1), alertId, tenantId,
                communityId, deviceId, now, now).orElseThrow();
    }

    /** Returns the case, its row locked until the transaction ends. */
    Optional<FireCaseView> lock(Connection c, long id) throws SQLException {
        Sql.one(c, "SELECT id FROM fire_cases WHERE id = ? FOR UPDATE", rs -> rs.getLong(1), id);
        return get(c, id);
    }

    Optional<FireCaseView> get(Connection c, long id) throws SQLException {
        return Sql.one(c, VIEW + " WHERE f.id = ?", FireCaseStore::view, id);
    }

    /** Returns the case with its audit trail. */
    Optional<FireCaseView> getWithTransitions(Connection c, long id) throws SQLException {
        Optional<FireCaseView> found = get(c, id);
        if (found.isEmpty()) {
            return found;
        }
        List<FireCaseView.Transition> transitions = Sql.query(c, """
                SELECT from_state, to_state, actor, at, note FROM fire_case_transitions WHERE case_id = ? ORDER BY id""",
                rs -> new FireCaseView.Transition(rs.getString(1), rs.getString(2), rs.getString(3),
                        Sql.instant(rs, "at"), rs.getString(5)), id);
        return Optional.of(found.get().withTransitions(transitions));
    }

    /** Returns a page of the cases open at some time in the range (received before its end, not closed before its start). */
    Page<FireCaseView> list(Connection c, Scope scope, String communityId, String state, boolean escalatedOnly,
            ListRequest page) throws SQLException {
        List<FireCaseView> rows = Sql.query(c, VIEW + "\n" + """
                 WHERE f.id < ?
                   AND f.received_at < ? AND coalesce(f.closed_at, 'infinity'::timestamptz) >= ?
                   AND (?::text[] IS NULL OR f.community_id = ANY (?::text[]))
                   AND (?::text IS NULL OR f.community_id = ?)
                   AND (?::text IS NULL OR f.state = ?)
                   AND (NOT ? OR f.escalation_level > 0)
                 ORDER BY f.id DESC LIMIT ?""", FireCaseStore::view, page.afterId(), page.to(), page.from(),
                scope.communityArray(), scope.communityArray(), communityId, communityId, state, state, escalatedOnly,
                page.fetchSize());
        return page.page(rows, f -> new Object[] {f.id()});
    }

    void audit(Connection c, long caseId, String from, String to, String actor, Instant at, String note)
            throws SQLException {
        Sql.update(c, """
                INSERT INTO fire_case_transitions (case_id, from_state, to_state, actor, at, note) VALUES (?, ?, ?, ?, ?, ?)""",
                caseId, from, to, actor, at, note);
    }

    void moveTo(Connection c, long caseId, FireState state, Instant now) throws SQLException {
        Sql.update(c, """
                UPDATE fire_cases SET state = ?, updated_at = ?,
                       verdict = CASE WHEN ? IN ('confirmed_fire', 'false_alarm', 'test') THEN ? ELSE verdict END,
                       forwarded_at = CASE WHEN ? = 'forwarded_119' THEN ? ELSE forwarded_at END,
                       closed_at = CASE WHEN ? = 'closed' THEN ? ELSE closed_at END
                 WHERE id = ?""", state.wireName(), now, state.wireName(), state.wireName(), state.wireName(), now,
                state.wireName(), now, caseId);
    }

    void setCause(Connection c, long caseId, FalseAlarmCause cause) throws SQLException {
        Sql.update(c, "UPDATE fire_cases SET false_alarm_cause = ? WHERE id = ?", cause.wireName(), caseId);
    }

    /** Raises the escalation level to at least {@code level}; returns whether it rose. */
    boolean escalate(Connection c, long caseId, int level, Instant now) throws SQLException {
        return Sql.update(c, "UPDATE fire_cases SET escalation_level = ?, updated_at = ? WHERE id = ? AND escalation_level < ?",
                level, now, caseId, level) > 0;
    }

    /** One facility's false alarms in a period. */
    record FalseAlarms(String deviceId, String communityId, String address, int count) {
    }

    List<FalseAlarms> falseAlarms(Connection c, Scope scope, Instant from, Instant to) throws SQLException {
        return Sql.query(c, """
                SELECT f.device_id, f.community_id, min(a.address) AS address, count(*) AS n
                  FROM fire_cases f JOIN alerts a ON a.id = f.alert_id
                 WHERE f.verdict = 'false_alarm' AND f.received_at >= ? AND f.received_at < ?
                   AND (?::text[] IS NULL OR f.community_id = ANY (?::text[]))
                 GROUP BY f.device_id, f.community_id ORDER BY n DESC, f.device_id""",
                rs -> new FalseAlarms(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)),
                from, to, scope.communityArray(), scope.communityArray());
    }

    private static FireCaseView view(ResultSet rs) throws SQLException {
        return new FireCaseView(rs.getLong("id"), rs.getLong("alert_id"), rs.getString("tenant_id"),
                rs.getString("community_id"), rs.getString("device_id"), rs.getString("address"),
                rs.getString("building_id"), Sql.integer(rs, "floor"), rs.getString("state"), rs.getString("verdict"),
                rs.getString("false_alarm_cause"), rs.getInt("escalation_level"), Sql.instant(rs, "received_at"),
                Sql.instant(rs, "updated_at"), Sql.instant(rs, "forwarded_at"), Sql.instant(rs, "closed_at"), null);
    }
}
