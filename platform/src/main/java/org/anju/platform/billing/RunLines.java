package org.anju.platform.billing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
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
 * A run's lines, written the cheapest way that keeps "billed once ever". While the lines are added,
 * each is encoded once for a binary {@code COPY} (its household in the invoice's place) and what each
 * household's invoice adds up to is summed. Then, usually, nothing the run found was billed before:
 * the invoices go in from the sums and the lines by {@code COPY} straight into {@code invoice_lines},
 * each household swapped for its invoice id. When the unique index (stream, source_id) refuses a line
 * (a source reported an item an earlier invoice bills), all of that is rolled back to a savepoint and
 * the lines go through a temporary table instead: the database drops what is billed already (an
 * anti-join; the dropped lines come back to correct the sums) and inserts the rest.
 *
 * <p>The encoded lines are held until the invoices are written: about 140 bytes a line, some 240 MB
 * for the 1.7 million lines of a month of a community of 100,000 households.
 */
final class RunLines {

    // a COPY buffers its rows in memory: at most this many a statement
    private static final int COPY_ROWS = 100_000;
    private static final String WORK_MEM = "256MB";
    private static final String COLUMNS = "line_no, stream, source_id, description, amount_fen, fund_fen";
    private static final String UNIQUE_VIOLATION = "23505";

    /** An issued invoice: its id, household, total and what each stream's lines credit (net of the fund's share). */
    record Issued(long invoiceId, long householdId, long totalFen, Map<Stream, Long> revenueFen, long fundFen) {
    }

    /** What a household's lines add up to. */
    private static final class Sums {
        private final Map<Stream, Long> revenueFen = new EnumMap<>(Stream.class);
        private long totalFen;
        private long fundFen;
        private int lines;
        private int added;

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
    // COPY streams of COPY_ROWS lines, the first field of each the household's id
    private final List<byte[]> chunks = new ArrayList<>();
    private BinaryCopy rows = new BinaryCopy(COPY_ROWS);

    private RunLines(UnitOfWork.Tx tx) throws SQLException {
        this.tx = tx;
        this.copy = tx.connection().unwrap(PGConnection.class).getCopyAPI();
    }

    /** Starts collecting the lines of a run in the transaction. */
    static RunLines collect(UnitOfWork.Tx tx) throws SQLException {
        return new RunLines(tx);
    }

    /** Adds a candidate line of the household's invoice; a household's lines keep the order they are added in. */
    void add(long householdId, InvoiceLine line) {
        Sums household = sums.computeIfAbsent(householdId, h -> new Sums());
        rows.startRow(7).int8(householdId).int4(++household.added).text(line.stream().wireName())
                .text(line.sourceId()).text(line.description()).int8(line.amountFen()).int8(line.fundFen());
        household.add(line.stream(), line.amountFen(), line.fundFen(), 1);
        if (rows.rows() == COPY_ROWS) {
            chunks.add(rows.finish());
            rows = new BinaryCopy(COPY_ROWS);
        }
    }

    /**
     * Issues one invoice per household with lines not billed before (ids in household order), its
     * lines in the order added; lines whose (stream, source) an earlier invoice bills are left out.
     *
     * @return the invoices by id
     */
    List<Issued> issue(String communityId, LocalDate period, Instant issuedAt, LocalDate dueOn, RunPhases phases)
            throws SQLException {
        if (rows.rows() > 0) {
            chunks.add(rows.finish());
        }
        rows = null;
        if (sums.isEmpty()) {
            return List.of();
        }
        tx.update("SAVEPOINT run_lines");
        Map<Long, Long> invoiceIds = insertInvoices(communityId, period, issuedAt, dueOn);
        phases.done("invoices");
        try {
            for (byte[] chunk : chunks) {
                copy(chunk, "COPY invoice_lines (invoice_id, " + COLUMNS + ") FROM STDIN (FORMAT BINARY)", invoiceIds);
            }
            tx.update("RELEASE SAVEPOINT run_lines");
            phases.done("lines");
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            tx.update("ROLLBACK TO SAVEPOINT run_lines");
            phases.done("lines refused: billed before");
            invoiceIds = issueLeftOver(communityId, period, issuedAt, dueOn, phases);
        }
        List<Issued> issued = new ArrayList<>(sums.size());
        Map<Long, Long> ids = invoiceIds;
        sums.forEach((household, s) -> issued.add(new Issued(ids.get(household), household, s.totalFen,
                s.revenueFen, s.fundFen)));
        return issued;
    }

    /** The invoices of the households with lines, from their sums; returns their ids by household. */
    private Map<Long, Long> insertInvoices(String communityId, LocalDate period, Instant issuedAt, LocalDate dueOn)
            throws SQLException {
        Map<Long, Long> invoiceIds = new HashMap<>();
        tx.query("INSERT INTO invoices (community_id, household_id, period, total_fen, issued_at, due_on) "
                + "SELECT ?, h, ?, t, ?, ? FROM unnest(?::bigint[], ?::bigint[]) WITH ORDINALITY AS s (h, t, o) "
                + "ORDER BY o RETURNING household_id, id", rs -> invoiceIds.put(rs.getLong(1), rs.getLong(2)),
                communityId, Date.valueOf(period), issuedAt, Date.valueOf(dueOn),
                Sql.array(tx.connection(), "bigint", sums.keySet()),
                Sql.column(tx.connection(), "bigint", sums.values(), s -> s.totalFen));
        return invoiceIds;
    }

    /**
     * The way round when some lines are billed already: the lines into a temporary table, those an
     * earlier invoice bills dropped (and taken off the sums), then the invoices and the rest of the lines.
     */
    private Map<Long, Long> issueLeftOver(String communityId, LocalDate period, Instant issuedAt, LocalDate dueOn,
            RunPhases phases) throws SQLException {
        // identifiers compare byte by byte, as in invoice_lines (V62)
        tx.update("CREATE TEMPORARY TABLE billing_run_lines (household_id bigint, line_no integer, "
                + "stream text COLLATE \"C\", source_id text COLLATE \"C\", description text, amount_fen bigint, "
                + "fund_fen bigint) ON COMMIT DROP");
        for (byte[] chunk : chunks) {
            copy(chunk, "COPY billing_run_lines (household_id, " + COLUMNS + ") FROM STDIN (FORMAT BINARY)", null);
        }
        // a temporary table has no statistics until analysed: without them the joins probe indexes per row
        tx.update("ANALYZE billing_run_lines");
        // the anti-join hashes the staged lines: in memory instead of spilling to disk in batches (the
        // setting ends with the transaction)
        tx.update("SET LOCAL work_mem = '" + WORK_MEM + "'");
        tx.query("DELETE FROM billing_run_lines r USING invoice_lines l WHERE l.stream = r.stream "
                + "AND l.source_id = r.source_id RETURNING r.household_id, r.stream, r.amount_fen, r.fund_fen", rs -> {
                    sums.get(rs.getLong(1)).add(Stream.fromWireName(rs.getString(2)).orElseThrow(), rs.getLong(3),
                            rs.getLong(4), -1);
                    return null;
                });
        sums.values().removeIf(s -> s.lines == 0);
        requireSumsOfStaged();
        phases.done("drop billed");
        if (sums.isEmpty()) {
            return Map.of();
        }
        Map<Long, Long> invoiceIds = insertInvoices(communityId, period, issuedAt, dueOn);
        // in the join's order: a line's place on its invoice is its line_no (1, 2, … as added)
        tx.update("INSERT INTO invoice_lines (invoice_id, " + COLUMNS + ") SELECT i.id, r.line_no, r.stream, "
                + "r.source_id, r.description, r.amount_fen, r.fund_fen FROM billing_run_lines r "
                + "JOIN unnest(?::bigint[], ?::bigint[]) AS i (household_id, id) ON i.household_id = r.household_id",
                Sql.array(tx.connection(), "bigint", invoiceIds.keySet()),
                Sql.array(tx.connection(), "bigint", invoiceIds.values()));
        phases.done("invoices and lines");
        return invoiceIds;
    }

    /**
     * The sums corrected by the dropped lines: one pass over what is left staged checks them as a whole
     * (lines, amounts, fund shares) before anything is issued from them.
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

    /** Sends a chunk with {@code sql}; with {@code invoiceIds}, each line's household swapped for its invoice's id. */
    private void copy(byte[] chunk, String sql, Map<Long, Long> invoiceIds) throws SQLException {
        byte[] stream = invoiceIds == null ? chunk : withInvoiceIds(chunk, invoiceIds);
        try {
            copy.copyIn(sql, new ByteArrayInputStream(stream));
        } catch (IOException e) {
            throw new SQLException("COPY stream failed: " + e.getMessage(), e);
        }
    }

    /**
     * Returns a copy of a binary COPY stream whose rows start with a household id (int8), that id
     * replaced by the household's invoice id. Layout: an 11-byte signature, flags and header extension
     * length (int32 each); per row a field count (int16) and per field its length (int32, -1 for NULL)
     * and bytes; the trailer is a field count of -1.
     */
    static byte[] withInvoiceIds(byte[] chunk, Map<Long, Long> invoiceIds) {
        byte[] out = chunk.clone();
        ByteBuffer b = ByteBuffer.wrap(out);
        b.position(19);
        for (short fields = b.getShort(); fields != -1; fields = b.getShort()) {
            int length = b.getInt();
            if (length != 8) {
                throw new IllegalStateException("a line's first field is not an int8 but " + length + " bytes");
            }
            int at = b.position();
            Long invoice = invoiceIds.get(b.getLong(at));
            if (invoice == null) {
                throw new IllegalStateException("no invoice for household " + b.getLong(at));
            }
            b.putLong(at, invoice);
            b.position(at + 8);
            for (int f = 1; f < fields; f++) {
                int n = b.getInt();
                b.position(b.position() + Math.max(n, 0));
            }
        }
        return out;
    }
}
