package org.anju.platform.charging;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.anju.error.ClientError;
import org.anju.platform.audit.AuditEntry;
import org.anju.platform.audit.AuditLog;
import org.anju.platform.parking.BillableItem;
import org.anju.platform.parking.BillableSource;
import org.anju.platform.parking.ParkingReviews;
import org.anju.platform.parking.Visits;
import org.anju.platform.query.ListRequest;
import org.anju.platform.query.Page;
import org.anju.platform.storage.Sql;
import org.anju.platform.storage.UnitOfWork;

/**
 * Reads charging sessions (a community's for staff, a set of households' for residents, with their
 * per-tier lines), the review queue and its resolution, and the billable sessions of a period
 * ({@link BillableSource}). The id tag is never shown: sessions hold only its keyed hash. Methods
 * without a transaction block on JDBC: call them from a worker.
 */
public final class ChargingSessions implements BillableSource {

    private static final String COLUMNS = "s.id, s.community_id, s.device_id, s.connector_id, s.transaction_id, "
            + "s.household_id, s.started_at, s.stopped_at, s.meter_start_wh, s.meter_stop_wh, s.stop_reason, s.energy_wh, "
            + "s.amount_fen, s.state, s.review_reason, s.resolved_by, s.resolution_note, s.settled_at";

    /** A session as the API shows it; {@code lines} is empty in lists. */
    public record View(long id, String communityId, String deviceId, int connectorId, int transactionId,
            Long householdId, Instant startedAt, Instant stoppedAt, Long meterStartWh, Long meterStopWh,
            String stopReason, BigDecimal energyWh, Long amountFen, String state, String reviewReason,
            String resolvedBy, String resolutionNote, Instant settledAt, List<TierLine> lines) {
    }

    private final UnitOfWork work;

    /** @param work a unit of work of the interactive class */
    public ChargingSessions(UnitOfWork work) {
        this.work = work;
    }

    /** Returns a page of the community's sessions that started (or, without start, stopped) in the range; of one state or all (null). */
    public Page<View> ofCommunity(String communityId, String state, ListRequest page) {
        List<View> rows = work.read("charging sessions", tx -> tx.query("SELECT " + COLUMNS + " FROM charging_sessions s "
                + "WHERE s.community_id = ? AND (?::text IS NULL OR s.state = ?) AND coalesce(s.started_at, s.stopped_at) >= ? "
                + "AND coalesce(s.started_at, s.stopped_at) < ? AND s.id < ? ORDER BY s.id DESC LIMIT ?",
                ChargingSessions::view, communityId, state, state, page.from(), page.to(), page.afterId(), page.fetchSize()));
        return page.page(rows, s -> new Object[] {s.id()});
    }

    /** Returns a page of the sessions, started in the range, of the households the resident belongs to on {@code day}. */
    public Page<View> ofResident(String username, LocalDate day, ListRequest page) {
        List<View> rows = work.read("charging sessions", tx -> tx.query("SELECT " + COLUMNS + " FROM charging_sessions s "
                + "WHERE s.household_id = ANY (?) AND s.started_at >= ? AND s.started_at < ? AND s.id < ? "
                + "ORDER BY s.id DESC LIMIT ?", ChargingSessions::view,
                Sql.array(tx.connection(), "int8", Visits.householdsOf(tx, username, day)),
                page.from(), page.to(), page.afterId(), page.fetchSize()));
        return page.page(rows, s -> new Object[] {s.id()});
    }

    /**
     * Returns one session, with its lines, of the households the resident belongs to on {@code day}.
     *
     * @throws ClientError 404 when there is no such session or it is another household's (the two look alike)
     */
    public View ofResident(String username, LocalDate day, long sessionId) {
        return work.read("charging sessions", tx -> {
            Optional<View> session = tx.one("SELECT " + COLUMNS + " FROM charging_sessions s WHERE s.id = ? "
                    + "AND s.household_id = ANY (?)", ChargingSessions::view, sessionId,
                    Sql.array(tx.connection(), "int8", Visits.householdsOf(tx, username, day)));
            return withLines(tx, session.orElseThrow(() -> ClientError.notFound("no charging session " + sessionId
                    + " of your household")));
        });
    }

    /**
     * Resolves a session in review: {@code charge} bills it to {@code householdId} at its computed
     * amount (a session whose tag was unknown) or at {@code amountFen}; {@code waive} bills nothing.
     *
     * @throws ClientError 404 when the community has no such session, 409 when it is not in review,
     *                     400 when a charge names no household or has no amount
     */
    public View resolve(String communityId, long sessionId, String action, Long householdId, Long amountFen, String reason,
            ParkingReviews.Actor actor) {
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw ClientError.badRequest("field 'reason' is required: 1 to 500 characters saying why");
        }
        if (!action.equals("charge") && !action.equals("waive")) {
            throw ClientError.badRequest("field 'action' must be one of charge, waive, got \"" + action + "\"");
        }
        return work.inTransaction("charging sessions", tx -> {
            View s = tx.one("SELECT " + COLUMNS + " FROM charging_sessions s WHERE s.id = ? AND s.community_id = ? "
                    + "FOR UPDATE", ChargingSessions::view, sessionId, communityId)
                    .orElseThrow(() -> ClientError.notFound("no charging session " + sessionId + " in community " + communityId));
            if (!s.state().equals("review")) {
                throw new ClientError(ClientError.CONFLICT, "charging session " + sessionId + " is not in review ("
                        + s.state() + ")");
            }
            Long amount = amountFen != null ? amountFen : s.amountFen();
            if (action.equals("charge") && (householdId == null || amount == null || amount < 0)) {
                throw ClientError.badRequest("a charge needs field 'householdId' and, for a session without computed "
                        + "amount, field 'amountFen' (whole fen ≥ 0)");
            }
            if (action.equals("charge")) {
                tx.update("UPDATE charging_sessions SET state = 'priced', household_id = ?, amount_fen = ?, resolved_by = ?, "
                        + "resolved_at = now(), resolution_note = ?, settled_at = now() WHERE id = ?", householdId, amount,
                        actor.username(), reason, sessionId);
            } else {
                tx.update("UPDATE charging_sessions SET state = 'waived', resolved_by = ?, resolved_at = now(), "
                        + "resolution_note = ? WHERE id = ?", actor.username(), reason, sessionId);
            }
            AuditLog.write(tx, AuditEntry.of("charging.session.resolve", actor.username(), actor.tenantId(),
                    actor.sourceAddress(), "charging-session:" + sessionId).with("action", action).with("reason", reason)
                    .with("householdId", householdId).with("amountFen", action.equals("charge") ? amount : null));
            return withLines(tx, tx.one("SELECT " + COLUMNS + " FROM charging_sessions s WHERE s.id = ?",
                    ChargingSessions::view, sessionId).orElseThrow());
        });
    }

    @Override
    public List<BillableItem> billable(UnitOfWork.Tx tx, String communityId, Instant from, Instant to)
            throws SQLException {
        // only the columns an item needs: a month of a large community is a million rows
        return tx.query("SELECT s.id, s.community_id, s.household_id, s.amount_fen, s.energy_wh, s.device_id, "
                + "s.connector_id, s.started_at, s.settled_at FROM charging_sessions s WHERE s.community_id = ? "
                + "AND s.state = 'priced' AND s.amount_fen > 0 AND s.settled_at >= ? AND s.settled_at < ? ORDER BY s.id",
                rs -> new BillableItem("charging-session:" + rs.getLong(1), rs.getString(2), rs.getObject(3, Long.class),
                        rs.getLong(4), "EV charging " + rs.getBigDecimal(5).movePointLeft(3).stripTrailingZeros()
                                .toPlainString() + " kWh, " + rs.getString(6) + " #" + rs.getInt(7) + ", "
                                + Sql.instant(rs, "started_at"), Sql.instant(rs, "settled_at")),
                communityId, from, to);
    }

    private static View withLines(UnitOfWork.Tx tx, View s) throws SQLException {
        List<TierLine> lines = tx.query("SELECT tariff_id, tier, wh, fen_per_kwh, cost_fen FROM charging_session_lines "
                + "WHERE session_id = ? ORDER BY tariff_id, tier", rs -> new TierLine(rs.getString(1),
                        Tier.fromWireName(rs.getString(2)).orElseThrow(), rs.getBigDecimal(3), rs.getBigDecimal(4),
                        rs.getLong(5)), s.id());
        return new View(s.id(), s.communityId(), s.deviceId(), s.connectorId(), s.transactionId(), s.householdId(),
                s.startedAt(), s.stoppedAt(), s.meterStartWh(), s.meterStopWh(), s.stopReason(), s.energyWh(), s.amountFen(),
                s.state(), s.reviewReason(), s.resolvedBy(), s.resolutionNote(), s.settledAt(), lines);
    }

    private static View view(ResultSet rs) throws SQLException {
        return new View(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5),
                rs.getObject(6, Long.class), Sql.instant(rs, "started_at"), Sql.instant(rs, "stopped_at"),
                rs.getObject(9, Long.class), rs.getObject(10, Long.class), rs.getString(11), rs.getBigDecimal(12),
                rs.getObject(13, Long.class), rs.getString(14), rs.getString(15), rs.getString(16), rs.getString(17),
                Sql.instant(rs, "settled_at"), List.of());
    }
}
