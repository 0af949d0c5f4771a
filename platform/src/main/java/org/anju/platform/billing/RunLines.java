package org.anju.platform.billing;

import java.sql.Date;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import org.anju.platform.storage.Sql;
import org.anju.platform.storage.UnitOfWork;
import org.anju.platform.storage.series.BinaryCopy;

/**
 * A run's lines, set-based: what earlier invoices bill already is found with one join against the
 * run's candidate keys (staged by binary {@code COPY} in a temporary table of the transaction);
 * the invoices get ids from their sequence up front, so that they are inserted with one statement
 * and their lines with binary {@code COPY}, without reading anything back.
 */
final class RunLines {

    // a COPY buffers its rows in memory: at most this many a statement
    private static final int COPY_ROWS = 100_000;
    private static final String COPY_KEYS = "COPY billing_run_keys (stream, source_id) FROM STDIN (FORMAT BINARY)";
    private static final String COPY_LINES = "COPY invoice_lines (invoice_id, stream, source_id, description, "
            + "amount_fen, fund_fen) FROM STDIN (FORMAT BINARY)";

    /** An issued invoice: its id, household and lines. */
    record Issued(long invoiceId, long householdId, List<InvoiceLine> lines) {

        long totalFen() {
            return lines.stream().mapToLong(InvoiceLine::amountFen).sum();
        }
    }

    private RunLines() {
    }

    /** Removes the lines whose (stream, source) an earlier invoice bills already, and households left without lines. */
    static void dropBilled(UnitOfWork.Tx tx, Map<Long, List<InvoiceLine>> lines) throws SQLException {
        tx.update("CREATE TEMPORARY TABLE billing_run_keys (stream text, source_id text) ON COMMIT DROP");
        CopyManager copy = copyApi(tx);
        BinaryCopy rows = new BinaryCopy(COPY_ROWS);
        for (List<InvoiceLine> household : lines.values()) {
            for (InvoiceLine l : household) {
                rows.startRow(2).text(l.stream().wireName()).text(l.sourceId());
                rows = flushed(copy, rows, COPY_KEYS);
            }
        }
        rows.copyInto(copy, COPY_KEYS);
        // a temporary table has no statistics until analysed: without them the join probes the index per key
        tx.update("ANALYZE billing_run_keys");
        Set<String> billed = new HashSet<>(tx.query("SELECT k.stream || ' ' || k.source_id FROM billing_run_keys k "
                + "JOIN invoice_lines l ON l.stream = k.stream AND l.source_id = k.source_id", rs -> rs.getString(1)));
        if (!billed.isEmpty()) {
            lines.values().forEach(l -> l.removeIf(line -> billed.contains(line.stream().wireName() + " " + line.sourceId())));
        }
        lines.values().removeIf(List::isEmpty);
    }

    /** Issues one invoice per household, with its lines in order. */
    static List<Issued> issue(UnitOfWork.Tx tx, String communityId, LocalDate period, Instant issuedAt, LocalDate dueOn,
            Map<Long, List<InvoiceLine>> lines) throws SQLException {
        List<Long> ids = tx.query("SELECT nextval(pg_get_serial_sequence('invoices', 'id')) FROM generate_series(1, ?)",
                rs -> rs.getLong(1), lines.size());
        List<Issued> issued = new ArrayList<>(lines.size());
        int i = 0;
        for (Map.Entry<Long, List<InvoiceLine>> household : lines.entrySet()) {
            issued.add(new Issued(ids.get(i++), household.getKey(), household.getValue()));
        }
        tx.update("INSERT INTO invoices (id, community_id, household_id, period, total_fen, issued_at, due_on) "
                + "SELECT i, ?, h, ?, t, ?, ? FROM unnest(?::bigint[], ?::bigint[], ?::bigint[]) AS x (i, h, t)",
                communityId, Date.valueOf(period), issuedAt, Date.valueOf(dueOn),
                Sql.column(tx.connection(), "int8", issued, Issued::invoiceId),
                Sql.column(tx.connection(), "int8", issued, Issued::householdId),
                Sql.column(tx.connection(), "int8", issued, Issued::totalFen));
        CopyManager copy = copyApi(tx);
        BinaryCopy rows = new BinaryCopy(COPY_ROWS);
        for (Issued invoice : issued) {
            for (InvoiceLine l : invoice.lines()) {
                rows.startRow(6).int8(invoice.invoiceId()).text(l.stream().wireName()).text(l.sourceId())
                        .text(l.description()).int8(l.amountFen()).int8(l.fundFen());
                rows = flushed(copy, rows, COPY_LINES);
            }
        }
        rows.copyInto(copy, COPY_LINES);
        return issued;
    }

    /** Sends a full buffer and returns a new one; returns a buffer with room as it is. */
    private static BinaryCopy flushed(CopyManager copy, BinaryCopy rows, String sql) throws SQLException {
        if (rows.rows() < COPY_ROWS) {
            return rows;
        }
        rows.copyInto(copy, sql);
        return new BinaryCopy(COPY_ROWS);
    }

    private static CopyManager copyApi(UnitOfWork.Tx tx) throws SQLException {
        return tx.connection().unwrap(PGConnection.class).getCopyAPI();
    }
}
