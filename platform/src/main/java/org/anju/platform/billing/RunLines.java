package org.anju.platform.billing;

import java.sql.Date;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import org.anju.platform.storage.Sql;
import org.anju.platform.storage.UnitOfWork;
import org.anju.platform.storage.series.BinaryCopy;

/**
 * A run's lines, set-based: every candidate line goes once, by binary {@code COPY}, into a temporary
 * table of the transaction, while what each household's invoice will add up to is summed here; the
 * database then drops what earlier invoices bill already (an anti-join against the unique index; the
 * dropped lines come back to correct the sums), the invoices go in from those sums, and the lines with
 * one {@code INSERT … SELECT}. Nothing of the 1.7 million lines of a large community is held in Java
 * or sent twice; per household only its totals by stream are.
 */
final class RunLines {

    // a COPY buffers its rows in memory: at most this many a statement
    private static final int COPY_ROWS = 100_000;
    private static final String WORK_MEM = "256MB";
    private static final String COPY_LINES = "COPY billing_run_lines (household_id, line_no, stream, source_id, "
            + "description, amount_fen, fund_fen) FROM STDIN (FORMAT BINARY)";

    /** An issued invoice: its id, household, total and what each stream's lines credit (net of the fund's share). */
    record Issued(long invoiceId, long householdId, long totalFen, Map<Stream, Long> revenueFen, long fundFen) {
    }

    /** What a household's staged lines add up to. */
    private static final class Sums {
        private final Map<Stream, Long> revenueFen = new EnumMap<>(Stream.class);
        private long totalFen;
        private long fundFen;
        private int lines;
        private int staged;

        void add(Stream stream, long amountFen, long fundFen, int sign) {
            revenueFen.merge(stream, sign * (amountFen - fundFen), Long::sum);
            totalFen += sign * amountFen;
            this.fundFen += sign * fundFen;
            lines += sign;
        }
    }

    private final UnitOfWork.Tx tx;
    private final CopyManager copy;
    // by household id, in order: invoice ids are handed out in household order
    private final Map<Long, Sums> sums = new TreeMap<>();
    private BinaryCopy rows = new BinaryCopy(COPY_ROWS);

    private RunLines(UnitOfWork.Tx tx) throws SQLException {
        this.tx = tx;
        this.copy = tx.connection().unwrap(PGConnection.class).getCopyAPI();
    }

    /** Starts staging the lines of a run in the transaction. */
    static RunLines stage(UnitOfWork.Tx tx) throws SQLException {
        // identifiers compare byte by byte, as in invoice_lines (V62)
        tx.update("CREATE TEMPORARY TABLE billing_run_lines (household_id bigint, line_no integer, "
                + "stream text COLLATE \"C\", source_id text COLLATE \"C\", description text, amount_fen bigint, "
                + "fund_fen bigint) ON COMMIT DROP");
        return new RunLines(tx);
    }

    /** Stages a candidate line of the household's invoice; a household's lines keep the order they are added in. */
    void add(long householdId, InvoiceLine line) throws SQLException {
        Sums household = sums.computeIfAbsent(householdId, h -> new Sums());
        rows.startRow(7).int8(householdId).int4(++household.staged).text(line.stream().wireName())
                .text(line.sourceId()).text(line.description()).int8(line.amountFen()).int8(line.fundFen());
        household.add(line.stream(), line.amountFen(), line.fundFen(), 1);
        if (rows.rows() == COPY_ROWS) {
            rows.copyInto(copy, COPY_LINES);
            rows = new BinaryCopy(COPY_ROWS);
        }
    }

    /**
     * Drops the staged lines whose (stream, source) an earlier invoice bills already, then issues one
     * invoice per household left with lines (ids in household order), its lines in the order staged.
     *
     * @return the invoices by id
     */
    List<Issued> issue(String communityId, LocalDate period, Instant issuedAt, LocalDate dueOn, RunPhases phases)
            throws SQLException {
        rows.copyInto(copy, COPY_LINES);
        rows = new BinaryCopy(0);
        phases.done("stage last");
        // a temporary table has no statistics until analysed: without them the joins probe indexes per row
        tx.update("ANALYZE billing_run_lines");
        // the anti-join hashes 1.7 million rows of a large community: in memory instead of spilling to
        // disk in batches (the setting ends with the transaction)
        tx.update("SET LOCAL work_mem = '" + WORK_MEM + "'");
        phases.done("analyse");
        tx.query("DELETE FROM billing_run_lines r USING invoice_lines l WHERE l.stream = r.stream "
                + "AND l.source_id = r.source_id RETURNING r.household_id, r.stream, r.amount_fen, r.fund_fen", rs -> {
                    sums.get(rs.getLong(1)).add(Stream.fromWireName(rs.getString(2)).orElseThrow(), rs.getLong(3),
                            rs.getLong(4), -1);
                    return null;
                });
        sums.values().removeIf(s -> s.lines == 0);
        phases.done("drop billed");
        requireSumsOfStaged();
        phases.done("check sums");
        if (sums.isEmpty()) {
            return List.of();
        }
        Map<Long, Long> invoiceIds = new HashMap<>();
        tx.query("INSERT INTO invoices (community_id, household_id, period, total_fen, issued_at, due_on) "
                + "SELECT ?, h, ?, t, ?, ? FROM unnest(?::bigint[], ?::bigint[]) WITH ORDINALITY AS s (h, t, o) "
                + "ORDER BY o RETURNING household_id, id", rs -> invoiceIds.put(rs.getLong(1), rs.getLong(2)),
                communityId, Date.valueOf(period),
                issuedAt, Date.valueOf(dueOn), Sql.array(tx.connection(), "bigint", sums.keySet()),
                Sql.column(tx.connection(), "bigint", sums.values(), s -> s.totalFen));
        phases.done("invoices");
        // in the join's order, hashing the invoices (a table written by this transaction has no statistics,
        // the pairs do): a line's place on its invoice is its line_no (1, 2, … as staged)
        tx.update("INSERT INTO invoice_lines (invoice_id, line_no, stream, source_id, description, amount_fen, "
                + "fund_fen) SELECT i.id, r.line_no, r.stream, r.source_id, r.description, r.amount_fen, r.fund_fen "
                + "FROM billing_run_lines r JOIN unnest(?::bigint[], ?::bigint[]) AS i (household_id, id) "
                + "ON i.household_id = r.household_id", Sql.array(tx.connection(), "bigint", invoiceIds.keySet()),
                Sql.array(tx.connection(), "bigint", invoiceIds.values()));
        phases.done("lines");
        List<Issued> issued = new ArrayList<>(sums.size());
        sums.forEach((household, s) -> issued.add(new Issued(invoiceIds.get(household), household, s.totalFen,
                s.revenueFen, s.fundFen)));
        return issued;
    }

    /**
     * The invoices' totals come from the sums kept while staging, corrected by the dropped lines: one
     * pass over what is left staged checks them as a whole (lines, amounts, fund shares) before
     * anything is issued from them.
     */
    private void requireSumsOfStaged() throws SQLException {
        long[] kept = {0, 0, 0};
        sums.values().forEach(s -> {
            kept[0] += s.lines;
            kept[1] += s.totalFen;
            kept[2] += s.fundFen;
        });
        long[] staged = tx.one("SELECT count(*), coalesce(sum(amount_fen), 0), coalesce(sum(fund_fen), 0) "
                + "FROM billing_run_lines", rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}).orElseThrow();
        if (!Arrays.equals(kept, staged)) {
            throw new IllegalStateException("billing run sums " + Arrays.toString(kept)
                    + " differ from the staged lines " + Arrays.toString(staged) + " (lines, fen, fund fen)");
        }
    }
}
