package org.anju.platform.alerts;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.anju.platform.query.ListRequest;
import org.anju.platform.query.Page;
import org.anju.platform.storage.Sql;

/**
 * Groups alert storms: when {@code stormThreshold} alerts of one type open in one building within
 * {@code stormWindow}, they become the children of one incident, and later alerts of that type in
 * that building join it while it is open. An incident resolves when its last child does. All SQL
 * of incidents is here; methods run in the caller's transaction.
 */
public final class StormControl {

    private static final String VIEW = """
            SELECT i.*,
                   (SELECT count(*) FROM alerts a WHERE a.incident_id = i.id) AS alerts,
                   (SELECT count(*) FROM alerts a WHERE a.incident_id = i.id AND a.status <> 'resolved') AS open_alerts
              FROM incidents i""";
    private static final String SAME_STORM = """
            community_id = ? AND coalesce(building_id, '') = ? AND type = ? AND status <> 'resolved'
            AND incident_id IS NULL AND opened_at > ?""";

    /** What opening an alert did to storms. */
    public enum Outcome {
        /** No storm: the alert stands alone. */
        NONE,
        /** It joined an open incident. */
        JOINED,
        /** It completed a storm: a new incident holds it and its siblings. */
        OPENED
    }

    /** The outcome and the incident concerned (0 for none). */
    public record Grouping(Outcome outcome, long incidentId) {
    }

    /** Groups a newly opened alert. */
    public Grouping opened(Connection c, AlertView alert, AlertSettings settings, Instant now) throws SQLException {
        String building = alert.buildingId() == null ? "" : alert.buildingId();
        Optional<Long> open = Sql.one(c, """
                SELECT id FROM incidents WHERE community_id = ? AND building_id = ? AND type = ? AND status = 'open'""",
                rs -> rs.getLong(1), alert.communityId(), building, alert.type());
        if (open.isPresent()) {
            Sql.update(c, "UPDATE alerts SET incident_id = ? WHERE id = ?", open.get(), alert.id());
            Sql.update(c, "UPDATE incidents SET last_seen = ? WHERE id = ?", now, open.get());
            return new Grouping(Outcome.JOINED, open.get());
        }
        Instant windowStart = now.minus(settings.stormWindow());
        long siblings = Sql.one(c, "SELECT count(*) FROM alerts WHERE " + SAME_STORM, rs -> rs.getLong(1),
                alert.communityId(), building, alert.type(), windowStart).orElse(0L);
        if (siblings < settings.stormThreshold()) {
            return new Grouping(Outcome.NONE, 0);
        }
        long incident = Sql.one(c, """
                INSERT INTO incidents (tenant_id, community_id, building_id, type, severity, fire, status, opened_at, last_seen)
                VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?) RETURNING id""", rs -> rs.getLong(1), alert.tenantId(),
                alert.communityId(), building, alert.type(), alert.severity(), alert.fire(), now, now).orElseThrow();
        Sql.update(c, "UPDATE alerts SET incident_id = ? WHERE " + SAME_STORM, incident, alert.communityId(), building,
                alert.type(), windowStart);
        return new Grouping(Outcome.OPENED, incident);
    }

    /** Resolves the incident if none of its children is unresolved; returns whether it did. */
    public boolean resolveIfDone(Connection c, long incidentId, Instant now) throws SQLException {
        return Sql.update(c, """
                UPDATE incidents SET status = 'resolved', resolved_at = ?
                 WHERE id = ? AND status = 'open'
                   AND NOT EXISTS (SELECT 1 FROM alerts WHERE incident_id = ? AND status <> 'resolved')""",
                now, incidentId, incidentId) > 0;
    }

    public Optional<IncidentView> get(Connection c, long id) throws SQLException {
        return Sql.one(c, VIEW + " WHERE i.id = ?", StormControl::view, id);
    }

    /** Returns a page of the incidents the scope sees that were open at some time in the range, newest first. */
    public Page<IncidentView> list(Connection c, Scope scope, String communityId, String status, ListRequest page)
            throws SQLException {
        List<IncidentView> rows = Sql.query(c, VIEW + "\n" + """
                 WHERE i.id < ?
                   AND i.opened_at < ? AND coalesce(i.resolved_at, 'infinity'::timestamptz) >= ?
                   AND (?::text[] IS NULL OR i.community_id = ANY (?::text[]))
                   AND (NOT ? OR i.fire)
                   AND (?::text IS NULL OR i.community_id = ?)
                   AND (?::text IS NULL OR i.status = ?)
                 ORDER BY i.id DESC LIMIT ?""", StormControl::view, page.afterId(), page.to(), page.from(),
                scope.communityArray(), scope.communityArray(), scope.fireOnly(), communityId, communityId, status, status,
                page.fetchSize());
        return page.page(rows, i -> new Object[] {i.id()});
    }

    private static IncidentView view(ResultSet rs) throws SQLException {
        return new IncidentView(rs.getLong("id"), rs.getString("tenant_id"), rs.getString("community_id"),
                rs.getString("building_id"), rs.getString("type"), rs.getString("severity"), rs.getBoolean("fire"),
                rs.getString("status"), Sql.instant(rs, "opened_at"), Sql.instant(rs, "last_seen"),
                Sql.instant(rs, "resolved_at"), rs.getInt("alerts"), rs.getInt("open_alerts"));
    }
}
