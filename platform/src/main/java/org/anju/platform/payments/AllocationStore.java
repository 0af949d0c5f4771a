package org.anju.platform.payments;

import java.sql.SQLException;
import java.util.Optional;

import org.anju.platform.storage.UnitOfWork;

/** The SQL of allocations and refunds. */
final class AllocationStore {

    private AllocationStore() {
    }

    /**
     * Waits for every other change of the household's payments (settlements, refunds, credit
     * applied); held until the transaction ends, so an invoice's open amount and the household's
     * credit read under it stay true until the change commits.
     */
    static void lockHousehold(UnitOfWork.Tx tx, long householdId) throws SQLException {
        tx.one("SELECT pg_advisory_xact_lock(hashtext(?))", rs -> 0, "payments-household:" + householdId);
    }

    /** Appends an allocation; returns its id. */
    static long insert(UnitOfWork.Tx tx, String communityId, long householdId, Long invoiceId, Long orderId,
            Long refundId, long invoiceFen, long creditFen) throws SQLException {
        return tx.one("INSERT INTO payment_allocations (community_id, household_id, invoice_id, order_id, refund_id, "
                + "invoice_fen, credit_fen) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id", rs -> rs.getLong(1), communityId,
                householdId, invoiceId, orderId, refundId, invoiceFen, creditFen).orElseThrow();
    }

    /** What an order's allocations (its settlement less its refunds) put on its invoice and in credit. */
    record Parts(long invoiceFen, long creditFen) {
    }

    static Parts ofOrder(UnitOfWork.Tx tx, long orderId) throws SQLException {
        return tx.one("SELECT coalesce(sum(invoice_fen), 0), coalesce(sum(credit_fen), 0) FROM payment_allocations "
                + "WHERE order_id = ?", rs -> new Parts(rs.getLong(1), rs.getLong(2)), orderId).orElseThrow();
    }

    /** Inserts a refund; empty when its idempotency key was used already. */
    static Optional<Long> insertRefund(UnitOfWork.Tx tx, long orderId, long amountFen, String reason, String key,
            String by) throws SQLException {
        return tx.one("INSERT INTO payment_refunds (order_id, amount_fen, reason, idempotency_key, created_by) "
                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id", rs -> rs.getLong(1),
                orderId, amountFen, reason, key, by);
    }

    static Optional<Refund> refundByKey(UnitOfWork.Tx tx, String key) throws SQLException {
        return tx.one("SELECT r.id, r.order_id, r.amount_fen, coalesce(-a.invoice_fen, 0), coalesce(-a.credit_fen, 0), "
                + "r.reason, r.created_by, r.created_at FROM payment_refunds r "
                + "LEFT JOIN payment_allocations a ON a.refund_id = r.id WHERE r.idempotency_key = ?",
                rs -> new Refund(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant()), key);
    }
}
