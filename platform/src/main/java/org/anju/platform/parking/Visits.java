package org.anju.platform.parking;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.anju.platform.estate.Households;
import org.anju.platform.query.ListRequest;
import org.anju.platform.query.Page;
import org.anju.platform.storage.Sql;
import org.anju.platform.storage.UnitOfWork;

/**
 * Reads visits: a community's (staff), a set of households' (residents), and the billable ones of
 * a period ({@link BillableSource}). Lists are newest first by id, for the visits that exited in
 * the request's range. Methods without a transaction block on JDBC: call them from a worker.
 */
public final class Visits implements BillableSource {

    private static final String COLUMNS = "v.id, v.community_id, v.plate, v.car_park, v.entry_ts, v.entry_gate, v.exit_ts, "
            + "v.exit_gate, v.household_id, v.exemption, v.amount_fen, v.note, v.settled_at";

    /** A visit as the API shows it. */
    public record View(long id, String communityId, String plate, String carPark, Instant entryTs, String entryGate,
            Instant exitTs, String exitGate, Long householdId, String exemption, long amountFen, String note,
            Instant settledAt) {
    }

    private final UnitOfWork work;

    /** @param work a unit of work of the interactive class */
    public Visits(UnitOfWork work) {
        this.work = work;
    }

    /** Returns a page of the community's visits. */
    public Page<View> ofCommunity(String communityId, ListRequest page) {
        List<View> rows = work.read("visits", tx -> tx.query("SELECT " + COLUMNS + " FROM parking_visits v "
                + "WHERE v.community_id = ? AND v.exit_ts >= ? AND v.exit_ts < ? AND v.id < ? ORDER BY v.id DESC LIMIT ?",
                Visits::view, communityId, page.from(), page.to(), page.afterId(), page.fetchSize()));
        return page.page(rows, v -> new Object[] {v.id()});
    }

    /** Returns a page of the visits of vehicles of the households the resident belongs to on {@code day}. */
    public Page<View> ofResident(String username, LocalDate day, ListRequest page) {
        List<View> rows = work.read("visits", tx -> tx.query("SELECT " + COLUMNS + " FROM parking_visits v "
                + "WHERE v.household_id = ANY (?) AND v.exit_ts >= ? AND v.exit_ts < ? AND v.id < ? ORDER BY v.id DESC LIMIT ?",
                Visits::view, Sql.array(tx.connection(), "int8", householdsOf(tx, username, day)), page.from(), page.to(), page.afterId(),
                page.fetchSize()));
        return page.page(rows, v -> new Object[] {v.id()});
    }

    @Override
    public List<BillableItem> billable(UnitOfWork.Tx tx, String communityId, Instant from, Instant to)
            throws SQLException {
        // only the columns an item needs: a month of a large community is hundreds of thousands of rows
        return tx.query("SELECT v.id, v.community_id, v.household_id, v.amount_fen, v.plate, v.entry_ts, v.exit_ts, "
                + "v.settled_at FROM parking_visits v WHERE v.community_id = ? AND v.amount_fen > 0 "
                + "AND v.settled_at >= ? AND v.settled_at < ? ORDER BY v.id",
                rs -> new BillableItem("parking-visit:" + rs.getLong(1), rs.getString(2), rs.getObject(3, Long.class),
                        rs.getLong(4), "visitor parking " + rs.getString(5) + " " + Sql.instant(rs, "entry_ts") + " – "
                                + Sql.instant(rs, "exit_ts"), Sql.instant(rs, "settled_at")), communityId, from, to);
    }

    /** Returns the ids of the households the user belongs to (as owner or tenant) on the day. */
    public static List<Long> householdsOf(UnitOfWork.Tx tx, String username, LocalDate day) throws SQLException {
        return Households.ofUser(tx, username, day).stream().map(m -> m.household().id()).toList();
    }

    static View view(ResultSet rs) throws SQLException {
        return new View(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), Sql.instant(rs, "entry_ts"),
                rs.getString(6), Sql.instant(rs, "exit_ts"), rs.getString(8), rs.getObject(9, Long.class), rs.getString(10),
                rs.getLong(11), rs.getString(12), Sql.instant(rs, "settled_at"));
    }
}
