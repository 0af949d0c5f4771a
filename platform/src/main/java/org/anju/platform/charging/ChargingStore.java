package org.anju.platform.charging;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.anju.platform.storage.Sql;
import org.anju.platform.storage.UnitOfWork;

/**
 * The derivation's SQL on the charging tables (cursor, sessions, lines), a whole batch per
 * statement ({@code unnest} of arrays), in the caller's transaction.
 */
final class ChargingStore {

    private static final String SESSION_COLUMNS = """
            community_id, device_id, connector_id, transaction_id, id_tag_hash, household_id, start_event_id,
            started_at, meter_start_wh, stop_event_id, stopped_at, meter_stop_wh, stop_reason, energy_wh, amount_fen,
            state, review_reason""";
    private static final String UNNEST = """
            unnest(?::text[], ?::text[], ?::int4[], ?::int4[], ?::text[], ?::int8[], ?::int8[], ?::timestamptz[],
                   ?::int8[], ?::int8[], ?::timestamptz[], ?::int8[], ?::text[], ?::numeric[], ?::int8[], ?::text[],
                   ?::text[])""";

    private ChargingStore() {
    }

    /** Returns the open sessions of the connectors ({@code device}, {@code connector}), and every one started at {@code expiredAt} or before. */
    static List<SessionDraft> open(UnitOfWork.Tx tx, List<String> devices, List<Integer> connectors, Instant expiredAt)
            throws SQLException {
        Connection c = tx.connection();
        return tx.query("SELECT id, " + SESSION_COLUMNS + " FROM charging_sessions s WHERE s.state = 'open' AND "
                + "((s.device_id, s.connector_id) IN (SELECT * FROM unnest(?::text[], ?::int4[])) OR s.started_at <= ?)",
                ChargingStore::draft, Sql.array(c, "text", devices), Sql.array(c, "int4", connectors), expiredAt);
    }

    /** Writes the sessions: inserts the new ones (setting their ids), updates the others; then their lines. */
    static void write(UnitOfWork.Tx tx, List<SessionDraft> sessions) throws SQLException {
        List<SessionDraft> added = sessions.stream().filter(s -> s.id == null).toList();
        List<SessionDraft> updated = sessions.stream().filter(s -> s.id != null).toList();
        Connection c = tx.connection();
        if (!added.isEmpty()) {
            Map<String, SessionDraft> byEvent = new HashMap<>();
            added.forEach(d -> byEvent.put(eventKey(d.deviceId, d.startEventId, d.stopEventId), d));
            tx.query("INSERT INTO charging_sessions (" + SESSION_COLUMNS + ", settled_at) SELECT *, CASE WHEN u.state = "
                    + "'priced' THEN now() END FROM " + UNNEST + " AS u(" + SESSION_COLUMNS + ")"
                    + " RETURNING id, device_id, start_event_id, stop_event_id",
                    rs -> byEvent.get(eventKey(rs.getString(2), rs.getObject(3, Long.class), rs.getObject(4, Long.class)))
                            .id = rs.getLong(1), columns(c, added));
        }
        if (!updated.isEmpty()) {
            tx.update("""
                    UPDATE charging_sessions s SET id_tag_hash = x.h, household_id = x.hh, stop_event_id = x.se,
                           stopped_at = x.st, meter_stop_wh = x.ms, stop_reason = x.sr, energy_wh = x.e,
                           amount_fen = x.a, state = x.s, review_reason = x.r,
                           settled_at = CASE WHEN x.s = 'priced' THEN now() END
                      FROM unnest(?::int8[], ?::text[], ?::int8[], ?::int8[], ?::timestamptz[], ?::int8[], ?::text[],
                                  ?::numeric[], ?::int8[], ?::text[], ?::text[]) AS x(id, h, hh, se, st, ms, sr, e, a, s, r)
                     WHERE s.id = x.id""",
                    Sql.column(c, "int8", updated, d -> d.id), Sql.column(c, "text", updated, d -> d.idTagHash),
                    Sql.column(c, "int8", updated, d -> d.householdId), Sql.column(c, "int8", updated, d -> d.stopEventId),
                    Sql.column(c, "timestamptz", updated, d -> d.stoppedAt),
                    Sql.column(c, "int8", updated, d -> d.meterStopWh), Sql.column(c, "text", updated, d -> d.stopReason),
                    Sql.column(c, "numeric", updated, d -> d.energyWh), Sql.column(c, "int8", updated, d -> d.amountFen),
                    Sql.column(c, "text", updated, d -> d.state), Sql.column(c, "text", updated, d -> d.reviewReason));
        }
        List<Object[]> lines = new ArrayList<>();
        for (SessionDraft s : sessions) {
            for (TierLine l : s.lines) {
                lines.add(new Object[] {s.id, l.tariffId(), l.tier().wireName(), l.wh(), l.fenPerKwh(), l.costFen()});
            }
        }
        if (!lines.isEmpty()) {
            tx.update("""
                    INSERT INTO charging_session_lines (session_id, tariff_id, tier, wh, fen_per_kwh, cost_fen)
                    SELECT * FROM unnest(?::int8[], ?::text[], ?::text[], ?::numeric[], ?::numeric[], ?::int8[])""",
                    Sql.column(c, "int8", lines, l -> l[0]), Sql.column(c, "text", lines, l -> l[1]),
                    Sql.column(c, "text", lines, l -> l[2]), Sql.column(c, "numeric", lines, l -> l[3]),
                    Sql.column(c, "numeric", lines, l -> l[4]), Sql.column(c, "int8", lines, l -> l[5]));
        }
    }

    /** A new session is known by its device and the event that made it: its start, or an orphan stop. */
    private static String eventKey(String deviceId, Long startEventId, Long stopEventId) {
        return deviceId + '\0' + (startEventId != null ? "s" + startEventId : "e" + stopEventId);
    }

    private static Object[] columns(Connection c, List<SessionDraft> s) throws SQLException {
        return new Object[] {Sql.column(c, "text", s, d -> d.communityId), Sql.column(c, "text", s, d -> d.deviceId),
            Sql.column(c, "int4", s, d -> d.connectorId), Sql.column(c, "int4", s, d -> d.transactionId),
            Sql.column(c, "text", s, d -> d.idTagHash), Sql.column(c, "int8", s, d -> d.householdId),
            Sql.column(c, "int8", s, d -> d.startEventId), Sql.column(c, "timestamptz", s, d -> d.startedAt),
            Sql.column(c, "int8", s, d -> d.meterStartWh), Sql.column(c, "int8", s, d -> d.stopEventId),
            Sql.column(c, "timestamptz", s, d -> d.stoppedAt), Sql.column(c, "int8", s, d -> d.meterStopWh),
            Sql.column(c, "text", s, d -> d.stopReason), Sql.column(c, "numeric", s, d -> d.energyWh),
            Sql.column(c, "int8", s, d -> d.amountFen), Sql.column(c, "text", s, d -> d.state),
            Sql.column(c, "text", s, d -> d.reviewReason)};
    }

    private static SessionDraft draft(ResultSet rs) throws SQLException {
        SessionDraft s = new SessionDraft();
        s.id = rs.getLong("id");
        s.communityId = rs.getString("community_id");
        s.deviceId = rs.getString("device_id");
        s.connectorId = rs.getInt("connector_id");
        s.transactionId = rs.getInt("transaction_id");
        s.idTagHash = rs.getString("id_tag_hash");
        s.householdId = rs.getObject("household_id", Long.class);
        s.startEventId = rs.getObject("start_event_id", Long.class);
        s.startedAt = Sql.instant(rs, "started_at");
        s.meterStartWh = rs.getObject("meter_start_wh", Long.class);
        s.state = rs.getString("state");
        return s;
    }
}
