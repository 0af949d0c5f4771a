package org.anju.platform.ledger;

import java.sql.SQLException;
import java.util.List;

import org.postgresql.PGConnection;

import org.anju.platform.storage.UnitOfWork;
import org.anju.platform.storage.series.BinaryCopy;

/**
 * The set-based half of posting many entries at once: postings go in by one binary {@code COPY},
 * and one query then checks that every entry of the batch balances, in the same transaction, so an
 * unbalanced batch is refused whole.
 */
final class LedgerBatch {

    private static final String COPY_POSTINGS =
            "COPY ledger_postings (entry_id, account_id, side, amount_fen) FROM STDIN (FORMAT BINARY)";

    /** One posting row as stored. */
    record Row(long entryId, long accountId, Posting.Side side, long amountFen) {
    }

    private LedgerBatch() {
    }

    /** Writes the rows with one {@code COPY}. */
    static void copy(UnitOfWork.Tx tx, List<Row> rows) throws SQLException {
        BinaryCopy copy = new BinaryCopy(rows.size());
        for (Row r : rows) {
            copy.startRow(4).int8(r.entryId()).int8(r.accountId()).text(r.side().code()).int8(r.amountFen());
        }
        copy.copyInto(tx.connection().unwrap(PGConnection.class).getCopyAPI(), COPY_POSTINGS);
    }

    /**
     * Refuses the batch of entries {@code firstId}..{@code lastId} when any of them has fewer than two
     * postings or debits that differ from its credits (entries of other transactions in the range
     * were checked by theirs).
     *
     * @throws IllegalStateException naming the first unbalanced entry; the caller's transaction must roll back
     */
    static void requireBalanced(UnitOfWork.Tx tx, long firstId, long lastId) throws SQLException {
        var unbalanced = tx.one("""
                SELECT e.idempotency_key, coalesce(sum(p.amount_fen) FILTER (WHERE p.side = 'D'), 0),
                       coalesce(sum(p.amount_fen) FILTER (WHERE p.side = 'C'), 0)
                FROM journal_entries e LEFT JOIN ledger_postings p ON p.entry_id = e.id
                WHERE e.id BETWEEN ? AND ? GROUP BY e.id
                HAVING count(p.id) < 2 OR sum(CASE WHEN p.side = 'D' THEN p.amount_fen ELSE -p.amount_fen END) <> 0
                LIMIT 1""", rs -> rs.getString(1) + " (debits " + rs.getLong(2) + ", credits " + rs.getLong(3) + ")",
                firstId, lastId);
        if (unbalanced.isPresent()) {
            throw new IllegalStateException("unbalanced journal entry in a batch, refused: " + unbalanced.get());
        }
    }
}
