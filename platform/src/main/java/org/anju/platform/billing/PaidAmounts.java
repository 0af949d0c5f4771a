package org.anju.platform.billing;

import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;

import org.anju.platform.storage.UnitOfWork;

/**
 * What has been paid against invoices: the contract of {@code payments.InvoicePayments#paidFen}
 * (fen settled against each invoice, net of refunds), which the platform wires in; billing reads it
 * to tell open, partly paid and paid invoices and what is still owed.
 */
@FunctionalInterface
public interface PaidAmounts {

    /** Nothing paid: a platform without payments. */
    PaidAmounts NONE = (tx, invoiceIds) -> Map.of();

    /**
     * Returns the fen paid against each of the invoices, in the caller's transaction; an invoice
     * without payments may be missing from the map (0).
     */
    Map<Long, Long> paidFen(UnitOfWork.Tx tx, Collection<Long> invoiceIds) throws SQLException;
}
