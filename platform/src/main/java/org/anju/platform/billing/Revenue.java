package org.anju.platform.billing;

import java.sql.Date;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.List;

import org.anju.platform.storage.UnitOfWork;

/**
 * Revenue by stream and month, from the issued invoice lines (accrual basis, by the month billed):
 * what was invoiced, what credit notes took back (in the month of the invoice they correct), the
 * net, and the part of the net that went to the maintenance fund. Invoice lines carry the stream
 * and the month billed; ledger postings carry neither (only the revenue account and the posting
 * time), and the fund's share leaves {@code revenue_rent} for {@code fund_income}.
 */
public final class Revenue {

    private Revenue() {
    }

    /** One stream's revenue of one month. */
    public record Row(YearMonth month, Stream stream, long invoicedFen, long creditedFen, long netFen, long fundFen) {
    }

    /** Returns the community's rows of the months {@code from} to {@code to} (inclusive), by month and stream. */
    public static List<Row> byMonth(UnitOfWork.Tx tx, String communityId, YearMonth from, YearMonth to)
            throws SQLException {
        return tx.query("SELECT i.period, l.stream, "
                + "coalesce(sum(l.amount_fen) FILTER (WHERE i.kind = 'invoice'), 0), "
                + "coalesce(sum(l.amount_fen) FILTER (WHERE i.kind = 'credit_note'), 0), "
                + "coalesce(sum(CASE WHEN i.kind = 'invoice' THEN l.fund_fen ELSE -l.fund_fen END), 0) "
                + "FROM invoices i JOIN invoice_lines l ON l.invoice_id = i.id "
                + "WHERE i.community_id = ? AND i.period >= ? AND i.period <= ? GROUP BY 1, 2 ORDER BY 1, 2",
                rs -> new Row(YearMonth.from(rs.getDate(1).toLocalDate()), Stream.fromWireName(rs.getString(2))
                        .orElseThrow(), rs.getLong(3), rs.getLong(4), rs.getLong(3) - rs.getLong(4), rs.getLong(5)),
                communityId, Date.valueOf(from.atDay(1)), Date.valueOf(to.atDay(1)));
    }
}
