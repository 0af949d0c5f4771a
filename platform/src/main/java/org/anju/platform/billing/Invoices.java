package org.anju.platform.billing;

import java.sql.Date;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.anju.platform.storage.Sql;
import org.anju.platform.storage.UnitOfWork;

/**
 * Reads issued invoices and billing runs, in the caller's transaction. An invoice's status is by its
 * due date ({@code open} until its due day has passed, then {@code overdue}): nothing records
 * payments against invoices yet.
 */
public final class Invoices {

    private static final String COLUMNS = "id, community_id, household_id, period, total_fen, issued_at, due_on";

    private Invoices() {
    }

    /** The status filter of a list: open (not yet due), overdue (due day passed) or any. */
    public enum Status { OPEN, OVERDUE, ANY }

    /** Returns the community's runs, newest month first. */
    public static List<RunResult> runs(UnitOfWork.Tx tx, String communityId) throws SQLException {
        return tx.query("SELECT period, invoices, total_fen FROM billing_runs WHERE community_id = ? ORDER BY period DESC",
                rs -> new RunResult(communityId, YearMonth.from(rs.getDate(1).toLocalDate()), rs.getInt(2),
                        rs.getLong(3), true), communityId);
    }

    /** Returns the invoice (or credit note) with its lines. */
    public static Optional<Invoice> get(UnitOfWork.Tx tx, long invoiceId) throws SQLException {
        List<Invoice> found = withLines(tx, tx.query("SELECT " + COLUMNS + " FROM invoices WHERE id = ?",
                Invoices::row, invoiceId));
        return found.stream().findFirst();
    }

    /**
     * Returns a page of the community's invoices, newest first by id, below {@code beforeId}.
     *
     * @param householdId only this household's, or null for all
     * @param today       the community's day, which decides open and overdue
     */
    public static List<Invoice> ofCommunity(UnitOfWork.Tx tx, String communityId, Long householdId, Status status,
            LocalDate today, long beforeId, int limit) throws SQLException {
        return withLines(tx, tx.query("SELECT " + COLUMNS + " FROM invoices WHERE community_id = ? "
                + "AND (?::bigint IS NULL OR household_id = ?) AND (? = 'ANY' OR (due_on < ?) = (? = 'OVERDUE')) "
                + "AND id < ? ORDER BY id DESC LIMIT ?", Invoices::row, communityId, householdId, householdId,
                status.name(), Date.valueOf(today), status.name(), beforeId, limit));
    }

    /** Returns a page of the households' invoices, newest first by id, below {@code beforeId}. */
    public static List<Invoice> ofHouseholds(UnitOfWork.Tx tx, List<Long> householdIds, long beforeId, int limit)
            throws SQLException {
        return withLines(tx, tx.query("SELECT " + COLUMNS + " FROM invoices WHERE household_id = ANY (?) AND id < ? "
                + "ORDER BY id DESC LIMIT ?", Invoices::row, Sql.array(tx.connection(), "int8", householdIds), beforeId,
                limit));
    }

    private static Invoice row(java.sql.ResultSet rs) throws SQLException {
        return new Invoice(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getDate(4).toLocalDate(), rs.getLong(5),
                rs.getTimestamp(6).toInstant(), rs.getDate(7).toLocalDate(), List.of());
    }

    private static List<Invoice> withLines(UnitOfWork.Tx tx, List<Invoice> invoices) throws SQLException {
        List<Invoice> full = new ArrayList<>(invoices.size());
        for (Invoice i : invoices) {
            full.add(new Invoice(i.id(), i.communityId(), i.householdId(), i.period(), i.totalFen(), i.issuedAt(),
                    i.dueOn(), InvoiceStore.lines(tx, i.id())));
        }
        return full;
    }
}
