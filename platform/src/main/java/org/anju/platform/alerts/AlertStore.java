package org.anju.platform.alerts;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.anju.error.ClientError;
import org.anju.platform.alerts.rules.Signal;
import org.anju.platform.query.ListRequest;
import org.anju.platform.query.Page;
import org.anju.platform.storage.Sql;

/**
 * All SQL of alert records. The unique partial index {@code alerts_one_open_idx} keeps one
 * unresolved alert per device and type; raising against it is an {@code INSERT ... ON CONFLICT DO
 * UPDATE}, so repeated and concurrent signals count up instead of duplicating.
 * <p>
 * Methods run in the caller's transaction.
 */
public final class AlertStore {

    /** The alert type of fire alarms: they follow the fire workflow. */
    public static final String FIRE_ALARM = "fire_alarm";
    /** The alert type of elevator entrapments: they open a rescue. */
    public static final String ENTRAPMENT = "entrapment";

    private static final String VIEW = """
            SELECT a.*, f.id AS fire_case_id, r.id AS rescue_id
              FROM alerts a LEFT JOIN fire_cases f ON f.alert_id = a.id LEFT JOIN rescues r ON r.alert_id = a.id""";
    private static final String UPSERT = """
            INSERT INTO alerts AS a (tenant_id, community_id, building_id, floor, address, device_id, device_type, type,
                                     severity, fire, status, opened_at, first_seen, last_seen, occurrences, detail, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, 1, ?::jsonb, ?)
            ON CONFLICT (device_id, type) WHERE status <> 'resolved' DO UPDATE SET
                occurrences = a.occurrences + CASE WHEN ? THEN 1 ELSE 0 END,
                first_seen = LEAST(a.first_seen, EXCLUDED.first_seen),
                last_seen = GREATEST(a.last_seen, EXCLUDED.last_seen),
                detail = CASE WHEN ? THEN EXCLUDED.detail ELSE a.detail END,
                cleared_at = NULL,
                updated_at = EXCLUDED.updated_at
            RETURNING id, (xmax = 0) AS inserted""";
    // a type clears itself and the types below it; fire alarms only record the clear (their workflow resolves them).
    // A clear measured before the alert was last seen is stale (ingest's events lane may commit an alarm before
    // older telemetry that still says normal) and changes nothing.
    private static final String CLEAR = """
            UPDATE alerts SET
                cleared_at = ?,
                updated_at = ?,
                status = CASE WHEN type = 'fire_alarm' THEN status ELSE 'resolved' END,
                resolved_at = CASE WHEN type = 'fire_alarm' THEN NULL ELSE ?::timestamptz END,
                resolved_by = CASE WHEN type = 'fire_alarm' THEN NULL ELSE 'device' END,
                resolution = CASE WHEN type = 'fire_alarm' THEN NULL ELSE 'cleared' END
             WHERE device_id = ? AND (type = ? OR left(type, length(?) + 1) = ? || '.') AND status <> 'resolved'
               AND (type <> 'fire_alarm' OR cleared_at IS NULL)
               AND last_seen <= ?
            RETURNING id""";

    /** The outcome of a raise: the alert's id and whether this signal opened it. */
    public record Upserted(long id, boolean opened) {
    }

    /** Opens the device's alert of the signal's type, or counts/refreshes the open one. */
    public Upserted upsert(Connection c, Signal s, DeviceInfo device, Instant now) throws SQLException {
        String address = device.address();
        String location = s.detail().path("location").asText("");
        if (!location.isEmpty()) {
            address = address + ", " + location;
        }
        boolean counts = s.action() == Signal.Action.RAISE;
        return Sql.one(c, UPSERT, rs -> new Upserted(rs.getLong("id"), rs.getBoolean("inserted")),
                device.tenantId(), device.communityId(), device.buildingId(), device.floor(), address, device.deviceId(),
                device.type(), s.type(), s.severity().wireName(), s.fire(), now, s.at(), s.at(), s.detail().toString(), now,
                counts, counts).orElseThrow();
    }

    /** Clears the device's alerts of the signal's type (and the types below it); returns the ids touched. */
    public List<Long> clear(Connection c, Signal s, Instant now) throws SQLException {
        return Sql.query(c, CLEAR, rs -> rs.getLong(1), s.at(), now, now, s.deviceId(), s.type(), s.type(), s.type(),
                s.at());
    }

    public Optional<AlertView> get(Connection c, long id) throws SQLException {
        return Sql.one(c, VIEW + " WHERE a.id = ?", AlertStore::view, id);
    }

    /**
     * Returns a page of the alerts the scope sees that match the query, newest first: those open
     * at some time in the query's range (opened before its end, not resolved before its start).
     */
    public Page<AlertView> list(Connection c, AlertQuery q, Scope scope) throws SQLException {
        ListRequest page = q.page();
        List<AlertView> rows = Sql.query(c, VIEW + "\n" + """
                 WHERE a.id < ?
                   AND a.opened_at < ? AND coalesce(a.resolved_at, 'infinity'::timestamptz) >= ?
                   AND (?::text[] IS NULL OR a.community_id = ANY (?::text[]))
                   AND (NOT ? OR a.fire)
                   AND (?::text IS NULL OR a.community_id = ?)
                   AND (?::text[] IS NULL OR a.status = ANY (?::text[]))
                   AND (?::text IS NULL OR a.severity = ?)
                   AND (?::text IS NULL OR a.type = ? OR left(a.type, length(?) + 1) = ? || '.')
                   AND (?::text IS NULL OR a.device_id = ?)
                   AND (?::boolean IS NULL OR a.fire = ?)
                   AND (?::bigint IS NULL OR a.incident_id = ?)
                 ORDER BY a.id DESC LIMIT ?""", AlertStore::view,
                page.afterId(), page.to(), page.from(), scope.communityArray(), scope.communityArray(), scope.fireOnly(),
                q.communityId(), q.communityId(), q.statuses(), q.statuses(), q.severity(), q.severity(),
                q.type(), q.type(), q.type(), q.type(), q.deviceId(), q.deviceId(), q.fire(), q.fire(),
                q.incidentId(), q.incidentId(), page.fetchSize());
        return page.page(rows, a -> new Object[] {a.id()});
    }

    /**
     * Acknowledges an open alert.
     *
     * @throws ClientError 409 when it is not open
     */
    public void acknowledge(Connection c, long id, String user, String note, Instant now) throws SQLException {
        int changed = Sql.update(c, """
                UPDATE alerts SET status = 'acknowledged', acknowledged_at = ?, acknowledged_by = ?,
                                  note = coalesce(?, note), updated_at = ?
                 WHERE id = ? AND status = 'open'""", now, user, note, now, id);
        if (changed == 0) {
            throw conflict(c, id, "acknowledged");
        }
    }

    /**
     * Resolves an open or acknowledged alert.
     *
     * @param resolution {@code manual} or {@code workflow}
     * @throws ClientError 409 when it is resolved already
     */
    public void resolve(Connection c, long id, String user, String resolution, String note, Instant now) throws SQLException {
        int changed = Sql.update(c, """
                UPDATE alerts SET status = 'resolved', resolved_at = ?, resolved_by = ?, resolution = ?,
                                  note = coalesce(?, note), updated_at = ?
                 WHERE id = ? AND status <> 'resolved'""", now, user, resolution, note, now, id);
        if (changed == 0) {
            throw conflict(c, id, "resolved");
        }
    }

    /** Records the maintenance work order a fault alert opened (shown as the alert's {@code workOrderId}). */
    public void linkWorkOrder(Connection c, long id, long workOrderId) throws SQLException {
        Sql.update(c, "UPDATE alerts SET work_order_id = ? WHERE id = ?", workOrderId, id);
    }

    private ClientError conflict(Connection c, long id, String wanted) throws SQLException {
        String status = Sql.one(c, "SELECT status FROM alerts WHERE id = ?", rs -> rs.getString(1), id)
                .orElseThrow(() -> ClientError.notFound("no alert " + id));
        return new ClientError(ClientError.CONFLICT, "alert " + id + " is " + status + ": it cannot be " + wanted);
    }

    private static AlertView view(ResultSet rs) throws SQLException {
        long incident = rs.getLong("incident_id");
        Long incidentId = rs.wasNull() ? null : incident;
        long fireCase = rs.getLong("fire_case_id");
        Long fireCaseId = rs.wasNull() ? null : fireCase;
        long rescue = rs.getLong("rescue_id");
        Long rescueId = rs.wasNull() ? null : rescue;
        long workOrder = rs.getLong("work_order_id");
        Long workOrderId = rs.wasNull() ? null : workOrder;
        return new AlertView(rs.getLong("id"), rs.getString("tenant_id"), rs.getString("community_id"),
                rs.getString("building_id"), Sql.integer(rs, "floor"), rs.getString("address"), rs.getString("device_id"),
                rs.getString("device_type"), rs.getString("type"), rs.getString("severity"), rs.getBoolean("fire"),
                rs.getString("status"), Sql.instant(rs, "opened_at"), Sql.instant(rs, "first_seen"),
                Sql.instant(rs, "last_seen"), rs.getInt("occurrences"), AlertJson.read(rs.getString("detail")), incidentId,
                Sql.instant(rs, "cleared_at"), Sql.instant(rs, "acknowledged_at"), rs.getString("acknowledged_by"),
                Sql.instant(rs, "resolved_at"), rs.getString("resolved_by"), rs.getString("resolution"),
                rs.getString("note"), fireCaseId, rescueId, workOrderId);
    }
}
