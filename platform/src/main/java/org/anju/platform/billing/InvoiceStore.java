package org.anju.platform.billing;

import java.sql.Date;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

    static void recordRun(UnitOfWork.Tx tx, String communityId, LocalDate period, int invoices, long totalFen)
            throws SQLException {
        tx.update("INSERT INTO billing_runs (community_id, period, invoices, total_fen) VALUES (?, ?, ?, ?)", communityId,
                Date.valueOf(period), invoices, totalFen);
    }

    /** Removes the lines whose (stream, source) an earlier invoice already bills. */
    static void dropBilled(UnitOfWork.Tx tx, Map<Long, List<InvoiceLine>> lines) throws SQLException {
        List<String> streams = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        lines.values().forEach(l -> l.forEach(line -> {
            streams.add(line.stream().wireName());
            sources.add(line.sourceId());
        }));
        if (streams.isEmpty()) {
            return;
        }
        Set<List<String>> billed = new HashSet<>(tx.query("SELECT l.stream, l.source_id FROM invoice_lines l "
                + "JOIN unnest(?::text[], ?::text[]) AS asked (stream, source_id) "
                + "ON l.stream = asked.stream AND l.source_id = asked.source_id",
                rs -> List.of(rs.getString(1), rs.getString(2)), streams.toArray(String[]::new),
                sources.toArray(String[]::new)));
        if (!billed.isEmpty()) {
            lines.values().forEach(l -> l.removeIf(line -> billed.contains(List.of(line.stream().wireName(),
                    line.sourceId()))));
        }
    }

    static Invoice issue(UnitOfWork.Tx tx, String communityId, long householdId, LocalDate period, Instant issuedAt,
            LocalDate dueOn, List<InvoiceLine> lines) throws SQLException {
        long total = lines.stream().mapToLong(InvoiceLine::amountFen).sum();
        long id = tx.one("INSERT INTO invoices (community_id, household_id, period, total_fen, issued_at, due_on) "
                + "VALUES (?, ?, ?, ?, ?, ?) RETURNING id", rs -> rs.getLong(1), communityId, householdId,
                Date.valueOf(period), total, issuedAt, Date.valueOf(dueOn)).orElseThrow();
        tx.batch("INSERT INTO invoice_lines (invoice_id, stream, source_id, description, amount_fen, fund_fen) "
                + "VALUES (?, ?, ?, ?, ?, ?)", lines, l -> new Object[] {id, l.stream().wireName(), l.sourceId(),
                        l.description(), l.amountFen(), l.fundFen()});
        return new Invoice(id, communityId, householdId, period, total, issuedAt, dueOn, lines);
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
                + "WHERE invoice_id = ? ORDER BY id", rs -> new InvoiceLine(Stream.fromWireName(rs.getString(1))
                        .orElseThrow(), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5)), invoiceId);
    }
}
