package org.anju.platform.billing;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.anju.platform.storage.UnitOfWork;

/**
 * What has been paid against invoices: the contract of {@code payments.InvoicePayments#AMOUNTS}
 * (fen settled against each invoice, net of refunds), which the platform wires in; billing reads it
 * to tell open, partly paid and paid invoices and what is still owed, and (dated) to accrue late
 * fees on what was open each day.
 */
public interface PaidAmounts {

    /** Nothing paid: a platform without payments. */
    PaidAmounts NONE = new PaidAmounts() {
        @Override
        public Map<Long, Long> paidFen(UnitOfWork.Tx tx, Collection<Long> invoiceIds) {
            return Map.of();
        }

        @Override
        public Map<Long, List<Payment>> payments(UnitOfWork.Tx tx, Collection<Long> invoiceIds) {
            return Map.of();
        }
    };

    /** Money settled against an invoice at an instant; a refund is negative. */
    record Payment(Instant at, long fen) {
    }

    /**
     * Returns the fen paid against each of the invoices, in the caller's transaction; an invoice
     * without payments may be missing from the map (0).
     */
    Map<Long, Long> paidFen(UnitOfWork.Tx tx, Collection<Long> invoiceIds) throws SQLException;

    /**
     * Returns the dated payments and refunds of each of the invoices, oldest first, in the caller's
     * transaction; an invoice without payments may be missing from the map. They add up to
     * {@link #paidFen}.
     */
    Map<Long, List<Payment>> payments(UnitOfWork.Tx tx, Collection<Long> invoiceIds) throws SQLException;
}
