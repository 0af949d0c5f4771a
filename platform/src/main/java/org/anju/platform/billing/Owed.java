package org.anju.platform.billing;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.anju.platform.storage.Sql;
import org.anju.platform.storage.UnitOfWork;

/**
 * What is owed on invoices: total − credit notes − paid ({@link PaidAmounts}), and the status that
 * follows from it. Billing answers "what does a household owe" here and nowhere else.
 */
public final class Owed {

    private Owed() {
    }

    /** An invoice's settlement. */
    public enum Status {
        OPEN("open"), PARTLY_PAID("partly_paid"), PAID("paid"), CREDITED("credited");

        private final String wireName;

        Status(String wireName) {
            this.wireName = wireName;
        }

        /** Returns the name in the API. */
        public String wireName() {
            return wireName;
        }
    }

    /**
     * The balance of one invoice (or credit note).
     *
     * @param creditsInvoiceId the invoice a credit note corrects; null for an invoice
     */
    public record Balance(long invoiceId, Long creditsInvoiceId, long totalFen, long creditedFen, long paidFen) {

        /** Returns whether this is a credit note (nothing is owed on it). */
        public boolean creditNote() {
            return creditsInvoiceId != null;
        }

        /** Returns total − credited − paid, never below 0 (an overpayment is the payments' credit). */
        public long owedFen() {
            return creditNote() ? 0 : Math.max(0, totalFen - creditedFen - paidFen);
        }

        /** Returns credited when credit notes cover it, paid when nothing is owed, partly paid after a payment. */
        public Status status() {
            if (creditedFen >= totalFen) {
                return Status.CREDITED;
            }
            if (owedFen() == 0) {
                return Status.PAID;
            }
            return paidFen > 0 ? Status.PARTLY_PAID : Status.OPEN;
        }
    }

    /** Returns the balances of the invoices (and credit notes) with these ids, by id. */
    public static Map<Long, Balance> of(UnitOfWork.Tx tx, PaidAmounts paid, Collection<Long> invoiceIds)
            throws SQLException {
        if (invoiceIds.isEmpty()) {
            return Map.of();
        }
        List<Long> ids = new ArrayList<>(invoiceIds);
        Map<Long, Long> paidFen = paid.paidFen(tx, ids);
        Map<Long, Balance> balances = new HashMap<>();
        for (Balance b : tx.query("SELECT i.id, i.credits_invoice_id, i.total_fen, coalesce((SELECT sum(c.total_fen) "
                + "FROM invoices c WHERE c.credits_invoice_id = i.id), 0) FROM invoices i WHERE i.id = ANY (?)",
                rs -> new Balance(rs.getLong(1), (Long) rs.getObject(2), rs.getLong(3), rs.getLong(4), 0),
                Sql.array(tx.connection(), "int8", ids))) {
            balances.put(b.invoiceId(), new Balance(b.invoiceId(), b.creditsInvoiceId(), b.totalFen(), b.creditedFen(),
                    b.creditNote() ? 0 : paidFen.getOrDefault(b.invoiceId(), 0L)));
        }
        return balances;
    }

    /** Returns the views of the invoices with what is owed on each on {@code today}, in their order. */
    public static List<InvoiceView> views(UnitOfWork.Tx tx, PaidAmounts paid, List<Invoice> invoices, LocalDate today)
            throws SQLException {
        Map<Long, Balance> balances = of(tx, paid, invoices.stream().map(Invoice::id).toList());
        return invoices.stream().map(i -> InvoiceView.of(i, balances.get(i.id()), today)).toList();
    }
}
