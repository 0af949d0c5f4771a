package org.anju.platform.billing;

import java.sql.Date;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.anju.platform.storage.Sql;
import org.anju.platform.storage.UnitOfWork;

/** The SQL of invoices, their lines and billing runs. */
final class InvoiceStore {

    private InvoiceStore() {
    }

    /** Waits for any other run of the community and month; held until the transaction ends. */
    static void lockRun(UnitOfWork.Tx tx, String communityId, YearMonth period) throws SQLException {
        tx.one("SELECT pg_advisory_xact_lock(hashtext(?))", rs -> 0, "billing-run:" + communityId + ":" + period);
    }

    static Optional<RunResult> earlierRun(UnitOfWork.Tx tx, String communityId, YearMonth period) throws SQLException {
        return tx.one("SELECT invoices, total_fen FROM billing_runs WHERE community_id = ? AND period = ?",
                rs -> new RunResult(communityId, period, rs.getInt(1), rs.getLong(2), true), communityId,
                Date.valueOf(period.atDay(1)));
    }

    static void recordRun(UnitOfWork.Tx tx, String communityId, LocalDate period, Instant madeAt, int invoices,
            long totalFen) throws SQLException {
        tx.update("INSERT INTO billing_runs (community_id, period, finished_at, invoices, total_fen) "
                + "VALUES (?, ?, ?, ?, ?)", communityId, Date.valueOf(period), madeAt, invoices, totalFen);
    }

    /** Returns the communities that have a run of the month. */
    static Set<String> billedIn(UnitOfWork.Tx tx, YearMonth period) throws SQLException {
        return Set.copyOf(tx.query("SELECT community_id FROM billing_runs WHERE period = ?", rs -> rs.getString(1),
                Date.valueOf(period.atDay(1))));
    }

    /** Returns when the community's run of the month was made (its clock's instant), if it was. */
    static Optional<Instant> runMadeAt(UnitOfWork.Tx tx, String communityId, YearMonth period) throws SQLException {
        return tx.one("SELECT finished_at FROM billing_runs WHERE community_id = ? AND period = ?",
                rs -> Sql.instant(rs, "finished_at"), communityId, Date.valueOf(period.atDay(1)));
    }

    /** A (stream, source) an invoice line may bill. */
    record Billed(Stream stream, String sourceId) {
    }

    /** Returns those of the (stream, source) pairs an invoice line bills already, as {@code stream:sourceId}. */
    static Set<String> billedOf(UnitOfWork.Tx tx, List<Billed> candidates) throws SQLException {
        if (candidates.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(tx.query("SELECT l.stream || ':' || l.source_id FROM invoice_lines l "
                + "JOIN unnest(?::text[], ?::text[]) AS c (stream, source_id) ON l.stream = c.stream "
                + "AND l.source_id = c.source_id", rs -> rs.getString(1),
                Sql.column(tx.connection(), "text", candidates, b -> b.stream().wireName()),
                Sql.column(tx.connection(), "text", candidates, Billed::sourceId)));
    }

    /** Returns whether an invoice line bills the (stream, source) already. */
    static boolean billed(UnitOfWork.Tx tx, Stream stream, String sourceId) throws SQLException {
        return tx.one("SELECT 1 FROM invoice_lines WHERE stream = ? AND source_id = ?", rs -> true, stream.wireName(),
                sourceId).isPresent();
    }

    /** Returns the invoice (not a credit note) whose line bills the (stream, source), if one does. */
    static Optional<Long> invoiceOfLine(UnitOfWork.Tx tx, Stream stream, String sourceId) throws SQLException {
        return tx.one("SELECT l.invoice_id FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id "
                + "WHERE l.stream = ? AND l.source_id = ? AND i.kind = 'invoice'", rs -> rs.getLong(1), stream.wireName(),
                sourceId);
    }

    /** Returns the fen that credit notes of the invoice took off its line of {@code sourceId}. */
    static long creditedOfLine(UnitOfWork.Tx tx, long invoiceId, String sourceId) throws SQLException {
        return tx.one("SELECT coalesce(sum(l.amount_fen), 0) FROM invoices c JOIN invoice_lines l ON l.invoice_id = c.id "
                + "WHERE c.credits_invoice_id = ? AND l.source_id = 'credit_note:' || c.id || ':' || ?",
                rs -> rs.getLong(1), invoiceId, sourceId).orElse(0L);
    }

    /** Returns the community's invoices of the month with their lines, by household. */
    static List<Invoice> ofPeriod(UnitOfWork.Tx tx, String communityId, YearMonth period) throws SQLException {
        record Row(long id, long household, long total, Instant issuedAt, LocalDate dueOn) {
        }
        List<Row> rows = tx.query("SELECT id, household_id, total_fen, issued_at, due_on FROM invoices "
                + "WHERE community_id = ? AND period = ? AND kind = 'invoice' ORDER BY household_id",
                rs -> new Row(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getTimestamp(4).toInstant(),
                        rs.getDate(5).toLocalDate()), communityId, Date.valueOf(period.atDay(1)));
        List<Invoice> invoices = new ArrayList<>(rows.size());
        for (Row r : rows) {
            invoices.add(new Invoice(r.id(), communityId, r.household(), period.atDay(1), r.total(), r.issuedAt(),
                    r.dueOn(), lines(tx, r.id())));
        }
        return invoices;
    }

    /** Returns the invoice's lines in the order they were issued. */
    static List<InvoiceLine> lines(UnitOfWork.Tx tx, long invoiceId) throws SQLException {
        return tx.query("SELECT stream, source_id, description, amount_fen, fund_fen FROM invoice_lines "
                + "WHERE invoice_id = ? ORDER BY line_no, id", rs -> new InvoiceLine(Stream.fromWireName(rs.getString(1))
                        .orElseThrow(), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5)), invoiceId);
    }
}
