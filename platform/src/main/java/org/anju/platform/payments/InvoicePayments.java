package org.anju.platform.payments;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.anju.platform.billing.PaidAmounts;
import org.anju.platform.storage.Sql;
import org.anju.platform.storage.UnitOfWork;

/**
 * What has been paid against invoices, for billing (open, partly paid and paid invoices; arrears;
 * late fees): the money settled against each invoice, net of refunds and including household credit
 * applied to it, each allocation dated by when it was made. In the caller's transaction.
 */
public final class InvoicePayments {

    /** The payments as billing reads them. */
    public static final PaidAmounts AMOUNTS = new PaidAmounts() {
        @Override
        public Map<Long, Long> paidFen(UnitOfWork.Tx tx, Collection<Long> invoiceIds) throws SQLException {
            return InvoicePayments.paidFen(tx, invoiceIds);
        }

        @Override
        public Map<Long, List<Payment>> payments(UnitOfWork.Tx tx, Collection<Long> invoiceIds) throws SQLException {
            return InvoicePayments.payments(tx, invoiceIds);
        }
    };

    private InvoicePayments() {
    }

    /**
     * Returns the fen settled against each of the invoices, net of refunds; an invoice nothing was
     * paid against maps to 0.
     */
    public static Map<Long, Long> paidFen(UnitOfWork.Tx tx, Collection<Long> invoiceIds) throws SQLException {
        Map<Long, Long> paid = new HashMap<>();
        invoiceIds.forEach(id -> paid.put(id, 0L));
        if (invoiceIds.isEmpty()) {
            return paid;
        }
        tx.query("SELECT invoice_id, sum(invoice_fen) FROM payment_allocations WHERE invoice_id = ANY (?) "
                + "GROUP BY invoice_id", rs -> paid.put(rs.getLong(1), rs.getLong(2)),
                Sql.array(tx.connection(), "int8", List.copyOf(invoiceIds)));
        return paid;
    }

    /** Returns the fen settled against one invoice, net of refunds. */
    public static long paidFen(UnitOfWork.Tx tx, long invoiceId) throws SQLException {
        return paidFen(tx, List.of(invoiceId)).get(invoiceId);
    }

    /**
     * Returns each invoice's allocations (settlements, credit applied, refunds as negative amounts)
     * with the instant they were made, oldest first; an invoice without any is missing.
     */
    public static Map<Long, List<PaidAmounts.Payment>> payments(UnitOfWork.Tx tx, Collection<Long> invoiceIds)
            throws SQLException {
        Map<Long, List<PaidAmounts.Payment>> payments = new HashMap<>();
        if (invoiceIds.isEmpty()) {
            return payments;
        }
        tx.query("SELECT invoice_id, created_at, invoice_fen FROM payment_allocations WHERE invoice_id = ANY (?) "
                + "AND invoice_fen <> 0 ORDER BY invoice_id, created_at, id", rs -> payments.computeIfAbsent(
                        rs.getLong(1), k -> new ArrayList<>()).add(new PaidAmounts.Payment(
                                rs.getTimestamp(2).toInstant(), rs.getLong(3))),
                Sql.array(tx.connection(), "int8", List.copyOf(invoiceIds)));
        return payments;
    }
}
