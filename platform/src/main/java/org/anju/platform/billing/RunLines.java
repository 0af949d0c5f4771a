package org.anju.platform.billing;

import java.sql.Date;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import org.anju.platform.storage.UnitOfWork;
import org.anju.platform.storage.series.BinaryCopy;

/**
 * A run's candidate lines, set-based: staged by binary {@code COPY} into a temporary table of the
 * run's transaction, stripped of what earlier invoices bill, then issued as invoices and lines with
 * one statement each. The temporary table is dropped at the end of the transaction.
 */
final class RunLines {

    // a COPY buffers its rows in memory: at most this many a statement
    private static final int COPY_ROWS = 100_000;
    private static final String COPY_LINES = "COPY billing_run_lines (seq, household_id, stream, source_id, "
            + "description, amount_fen, fund_fen) FROM STDIN (FORMAT BINARY)";

    /** An issued invoice: its id, household and total. */
    record Issued(long invoiceId, long householdId, long totalFen) {
    }

    /** A household's billed amount of one stream, less the fund's share, and the fund's share. */
    record Credit(long householdId, Stream stream, long revenueFen, long fundFen) {
    }

    private RunLines() {
    }

    /** Stages the lines (by household, in order) and removes those whose (stream, source) is billed already. */
    static void stage(UnitOfWork.Tx tx, Map<Long, List<InvoiceLine>> lines) throws SQLException {
        tx.update("CREATE TEMPORARY TABLE billing_run_lines (seq integer, household_id bigint, stream text, "
                + "source_id text, description text, amount_fen bigint, fund_fen bigint) ON COMMIT DROP");
        CopyManager copy = tx.connection().unwrap(PGConnection.class).getCopyAPI();
        BinaryCopy rows = new BinaryCopy(COPY_ROWS);
        int seq = 0;
        for (Map.Entry<Long, List<InvoiceLine>> household : lines.entrySet()) {
            for (InvoiceLine l : household.getValue()) {
                rows.startRow(7).int4(seq++).int8(household.getKey()).text(l.stream().wireName()).text(l.sourceId())
                        .text(l.description()).int8(l.amountFen()).int8(l.fundFen());
                if (rows.rows() == COPY_ROWS) {
                    rows.copyInto(copy, COPY_LINES);
                    rows = new BinaryCopy(COPY_ROWS);
                }
            }
        }
        rows.copyInto(copy, COPY_LINES);
        // a temporary table has no statistics until analysed; the joins below need them
        tx.update("ANALYZE billing_run_lines");
        // an item billed by an earlier run (reported again by its source) is billed once ever
        tx.update("DELETE FROM billing_run_lines r USING invoice_lines l "
                + "WHERE l.stream = r.stream AND l.source_id = r.source_id");
    }

    /** Issues one invoice per household with staged lines, and their lines in the staged order. */
    static List<Issued> issue(UnitOfWork.Tx tx, String communityId, LocalDate period, Instant issuedAt, LocalDate dueOn)
            throws SQLException {
        List<Issued> issued = tx.query("INSERT INTO invoices (community_id, household_id, period, total_fen, issued_at, "
                + "due_on) SELECT ?, household_id, ?, sum(amount_fen), ?, ? FROM billing_run_lines "
                + "GROUP BY household_id ORDER BY household_id RETURNING id, household_id, total_fen",
                rs -> new Issued(rs.getLong(1), rs.getLong(2), rs.getLong(3)), communityId, Date.valueOf(period),
                issuedAt, Date.valueOf(dueOn));
        tx.update("INSERT INTO invoice_lines (invoice_id, stream, source_id, description, amount_fen, fund_fen) "
                + "SELECT i.id, r.stream, r.source_id, r.description, r.amount_fen, r.fund_fen FROM billing_run_lines r "
                + "JOIN invoices i ON i.household_id = r.household_id AND i.community_id = ? AND i.period = ? "
                + "AND i.kind = 'invoice' ORDER BY r.seq", communityId, Date.valueOf(period));
        return issued;
    }

    /** Returns per household and stream what the issued lines credit. */
    static List<Credit> credits(UnitOfWork.Tx tx) throws SQLException {
        return tx.query("SELECT household_id, stream, sum(amount_fen - fund_fen), sum(fund_fen) FROM billing_run_lines "
                + "GROUP BY household_id, stream ORDER BY household_id, stream", rs -> new Credit(rs.getLong(1),
                        Stream.fromWireName(rs.getString(2)).orElseThrow(), rs.getLong(3), rs.getLong(4)));
    }
}
