package org.anju.platform.billing;

import java.sql.Date;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import org.anju.platform.storage.UnitOfWork;
import org.anju.platform.storage.series.BinaryCopy;

/**
 * A run's lines, set-based: every candidate line goes once, by binary {@code COPY}, into a temporary
 * table of the transaction; the database then drops what earlier invoices bill already (an
 * anti-join against the unique index), makes one invoice per household and inserts the lines with
 * one {@code INSERT … SELECT} each, and answers per invoice and stream what the ledger entries need.
 * Nothing of the 1.7 million lines of a large community is held in Java or sent twice.
 */
final class RunLines {

    // a COPY buffers its rows in memory: at most this many a statement
    private static final int COPY_ROWS = 100_000;
    private static final String WORK_MEM = "256MB";
    private static final String COPY_LINES = "COPY billing_run_lines (n, household_id, stream, source_id, description, "
            + "amount_fen, fund_fen) FROM STDIN (FORMAT BINARY)";
    // the run's invoices: the community's of the period, made by this transaction
    private static final String RUN_INVOICES = "invoices i ON i.community_id = ? AND i.period = ? AND i.kind = 'invoice' "
            + "AND i.household_id = r.household_id";

    /** An issued invoice: its id, household, total and what each stream's lines credit (net of the fund's share). */
    record Issued(long invoiceId, long householdId, long totalFen, Map<Stream, Long> revenueFen, long fundFen) {
    }

    private final UnitOfWork.Tx tx;
    private final CopyManager copy;
    private BinaryCopy rows = new BinaryCopy(COPY_ROWS);
    private long staged;

    private RunLines(UnitOfWork.Tx tx) throws SQLException {
        this.tx = tx;
        this.copy = tx.connection().unwrap(PGConnection.class).getCopyAPI();
    }

    /** Starts staging the lines of a run in the transaction. */
    static RunLines stage(UnitOfWork.Tx tx) throws SQLException {
        tx.update("CREATE TEMPORARY TABLE billing_run_lines (n bigint, household_id bigint, stream text, source_id text, "
                + "description text, amount_fen bigint, fund_fen bigint) ON COMMIT DROP");
        return new RunLines(tx);
    }

    /** Stages a candidate line of the household's invoice; a household's lines keep the order they are added in. */
    void add(long householdId, InvoiceLine line) throws SQLException {
        rows.startRow(7).int8(staged++).int8(householdId).text(line.stream().wireName()).text(line.sourceId())
                .text(line.description()).int8(line.amountFen()).int8(line.fundFen());
        if (rows.rows() == COPY_ROWS) {
            rows.copyInto(copy, COPY_LINES);
            rows = new BinaryCopy(COPY_ROWS);
        }
    }

    /**
     * Drops the staged lines whose (stream, source) an earlier invoice bills already, then issues one
     * invoice per household left with lines (ids in household order), its lines in the order staged
     * (an invoice's lines keep the order they were added in).
     *
     * @return the invoices by id
     */
    List<Issued> issue(String communityId, LocalDate period, Instant issuedAt, LocalDate dueOn) throws SQLException {
        rows.copyInto(copy, COPY_LINES);
        rows = new BinaryCopy(0);
        // a temporary table has no statistics until analysed: without them the joins probe indexes per row
        tx.update("ANALYZE billing_run_lines");
        // the anti-join, the sort by staging order and the sums hash or sort 1.7 million rows of a large
        // community: in memory instead of spilling to disk in batches (the setting ends with the transaction)
        tx.update("SET LOCAL work_mem = '" + WORK_MEM + "'");
        tx.update("DELETE FROM billing_run_lines r USING invoice_lines l WHERE l.stream = r.stream "
                + "AND l.source_id = r.source_id");
        tx.update("INSERT INTO invoices (community_id, household_id, period, total_fen, issued_at, due_on) "
                + "SELECT ?, household_id, ?, sum(amount_fen), ?, ? FROM billing_run_lines GROUP BY household_id "
                + "ORDER BY household_id", communityId, Date.valueOf(period), issuedAt, Date.valueOf(dueOn));
        tx.update("INSERT INTO invoice_lines (invoice_id, stream, source_id, description, amount_fen, fund_fen) "
                + "SELECT i.id, r.stream, r.source_id, r.description, r.amount_fen, r.fund_fen FROM billing_run_lines r "
                + "JOIN " + RUN_INVOICES + " ORDER BY r.n", communityId, Date.valueOf(period));
        record Row(long invoiceId, long householdId, long totalFen, Stream stream, long revenueFen, long fundFen) {
        }
        List<Row> sums = tx.query("SELECT i.id, i.household_id, i.total_fen, r.stream, r.revenue, r.fund FROM (SELECT "
                + "household_id, stream, sum(amount_fen - fund_fen) AS revenue, sum(fund_fen) AS fund FROM billing_run_lines "
                + "GROUP BY household_id, stream) r JOIN " + RUN_INVOICES + " ORDER BY i.id",
                rs -> new Row(rs.getLong(1), rs.getLong(2), rs.getLong(3), Stream.fromWireName(rs.getString(4))
                        .orElseThrow(), rs.getLong(5), rs.getLong(6)), communityId, Date.valueOf(period));
        List<Issued> issued = new ArrayList<>();
        for (int from = 0, to; from < sums.size(); from = to) {
            Row first = sums.get(from);
            Map<Stream, Long> revenue = new EnumMap<>(Stream.class);
            long fund = 0;
            for (to = from; to < sums.size() && sums.get(to).invoiceId() == first.invoiceId(); to++) {
                revenue.put(sums.get(to).stream(), sums.get(to).revenueFen());
                fund += sums.get(to).fundFen();
            }
            issued.add(new Issued(first.invoiceId(), first.householdId(), first.totalFen(), revenue, fund));
        }
        return issued;
    }
}
