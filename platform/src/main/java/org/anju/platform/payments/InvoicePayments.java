package org.anju.platform.payments;

import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.anju.platform.storage.Sql;
import org.anju.platform.storage.UnitOfWork;

/**
 * What has been paid against invoices, for billing (open, partly paid and paid invoices; arrears):
 * the money settled against each invoice, net of refunds and including household credit applied to
 * it. In the caller's transaction.
 */
public final class InvoicePayments {

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
}
