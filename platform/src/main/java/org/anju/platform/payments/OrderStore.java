package org.anju.platform.payments;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.anju.platform.storage.Sql;
import org.anju.platform.storage.UnitOfWork;

/** The SQL of payment orders, receipts and the nonces (the callback log: {@link CallbackLog}). */
final class OrderStore {

    private static final String COLUMNS = "o.id, o.community_id, o.household_id, o.invoice_id, o.provider, "
            + "o.amount_fen, o.status, o.provider_transaction_id, o.created_by, o.created_at, o.paid_at, "
            + "o.refunded_fen, o.failure_reason, r.number AS receipt_number";
    private static final String FROM = " FROM payment_orders o LEFT JOIN payment_receipts r ON r.order_id = o.id ";

    private OrderStore() {
    }

    /** What a new order is. */
    record NewOrder(String communityId, long householdId, Long invoiceId, String provider, long amountFen,
            String idempotencyKey, String createdBy) {
    }

    /** Inserts the order; empty when its idempotency key was used already (the earlier order wins). */
    static Optional<Long> insert(UnitOfWork.Tx tx, NewOrder o) throws SQLException {
        return tx.one("INSERT INTO payment_orders (community_id, household_id, invoice_id, provider, amount_fen, "
                + "idempotency_key, created_by) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING "
                + "RETURNING id", rs -> rs.getLong(1), o.communityId(), o.householdId(), o.invoiceId(), o.provider(),
                o.amountFen(), o.idempotencyKey(), o.createdBy());
    }

    static Optional<PaymentOrder> byIdempotencyKey(UnitOfWork.Tx tx, String key, Instant expiredBefore)
            throws SQLException {
        return tx.one("SELECT " + COLUMNS + FROM + "WHERE o.idempotency_key = ?", rs -> row(rs, expiredBefore), key);
    }

    static Optional<PaymentOrder> get(UnitOfWork.Tx tx, long id, Instant expiredBefore) throws SQLException {
        return tx.one("SELECT " + COLUMNS + FROM + "WHERE o.id = ?", rs -> row(rs, expiredBefore), id);
    }

    /** Returns the order with its row locked until the transaction ends (settlements and refunds queue). */
    static Optional<PaymentOrder> lock(UnitOfWork.Tx tx, long id, Instant expiredBefore) throws SQLException {
        return tx.one("SELECT " + COLUMNS + FROM + "WHERE o.id = ? FOR UPDATE OF o", rs -> row(rs, expiredBefore), id);
    }

    /** Returns a page of orders, newest first, of the households or of the community. */
    static List<PaymentOrder> page(UnitOfWork.Tx tx, List<Long> householdIds, String communityId, long beforeId,
            int limit, Instant expiredBefore) throws SQLException {
        return tx.query("SELECT " + COLUMNS + FROM + "WHERE (?::bigint[] IS NULL OR o.household_id = ANY (?)) "
                + "AND (?::text IS NULL OR o.community_id = ?) AND o.id < ? ORDER BY o.id DESC LIMIT ?",
                rs -> row(rs, expiredBefore), householdArray(tx, householdIds), householdArray(tx, householdIds),
                communityId, communityId, beforeId, limit);
    }

    private static java.sql.Array householdArray(UnitOfWork.Tx tx, List<Long> ids) throws SQLException {
        return ids == null ? null : Sql.array(tx.connection(), "int8", ids);
    }

    static void markPaid(UnitOfWork.Tx tx, long id, String providerTransactionId) throws SQLException {
        // a failure the provider reported before is in the callback log; the order now is paid
        tx.update("UPDATE payment_orders SET status = 'paid', paid_at = now(), provider_transaction_id = ?, "
                + "failure_reason = NULL WHERE id = ?", providerTransactionId, id);
    }

    /** Marks a created order failed with the provider's reason. */
    static void markFailed(UnitOfWork.Tx tx, long id, String providerTransactionId, String reason)
            throws SQLException {
        tx.update("UPDATE payment_orders SET status = 'failed', failure_reason = ?, provider_transaction_id = ? "
                + "WHERE id = ? AND status = 'created'", reason, providerTransactionId, id);
    }

    static void addRefunded(UnitOfWork.Tx tx, long id, long amountFen) throws SQLException {
        tx.update("UPDATE payment_orders SET refunded_fen = refunded_fen + ?, "
                + "status = CASE WHEN refunded_fen + ? = amount_fen THEN 'refunded' ELSE status END WHERE id = ?",
                amountFen, amountFen, id);
    }

    /** Issues the order's receipt under the community's next number. */
    static long issueReceipt(UnitOfWork.Tx tx, String communityId, long orderId, long amountFen) throws SQLException {
        long number = tx.one("INSERT INTO payment_receipt_counters (community_id, last_number) VALUES (?, 1) "
                + "ON CONFLICT (community_id) DO UPDATE SET last_number = payment_receipt_counters.last_number + 1 "
                + "RETURNING last_number", rs -> rs.getLong(1), communityId).orElseThrow();
        tx.update("INSERT INTO payment_receipts (community_id, number, order_id, amount_fen) VALUES (?, ?, ?, ?)",
                communityId, number, orderId, amountFen);
        return number;
    }

    static Optional<Instant> receiptIssuedAt(UnitOfWork.Tx tx, long orderId) throws SQLException {
        return tx.one("SELECT issued_at FROM payment_receipts WHERE order_id = ?", rs -> Sql.instant(rs, "issued_at"),
                orderId);
    }

    /** Returns the receipt of a settled order with how its settlement applied. */
    static Optional<Receipt> receipt(UnitOfWork.Tx tx, long orderId) throws SQLException {
        return tx.one("SELECT r.community_id, r.number, o.id, o.household_id, o.invoice_id, o.provider, r.amount_fen, "
                + "a.invoice_fen, a.credit_fen, r.issued_at FROM payment_receipts r "
                + "JOIN payment_orders o ON o.id = r.order_id "
                + "JOIN payment_allocations a ON a.order_id = o.id AND a.refund_id IS NULL WHERE r.order_id = ?",
                rs -> new Receipt(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        (Long) rs.getObject(5, Long.class), rs.getString(6), rs.getLong(7), rs.getLong(8), rs.getLong(9),
                        Sql.instant(rs, "issued_at")), orderId);
    }

    /** Records the nonce; false when the provider used it before (a replay). */
    static boolean firstUseOfNonce(UnitOfWork.Tx tx, String provider, String nonce) throws SQLException {
        return tx.update("INSERT INTO payment_nonces (provider, nonce) VALUES (?, ?) ON CONFLICT DO NOTHING",
                provider, nonce) == 1;
    }

    private static PaymentOrder row(ResultSet rs, Instant expiredBefore) throws SQLException {
        long invoice = rs.getLong("invoice_id");
        Long invoiceId = rs.wasNull() ? null : invoice;
        long receipt = rs.getLong("receipt_number");
        Long receiptNumber = rs.wasNull() ? null : receipt;
        Instant createdAt = Sql.instant(rs, "created_at");
        String status = rs.getString("status");
        if (status.equals("created") && createdAt.isBefore(expiredBefore)) {
            status = "expired";
        }
        return new PaymentOrder(rs.getLong("id"), rs.getString("community_id"), rs.getLong("household_id"), invoiceId,
                rs.getString("provider"), rs.getLong("amount_fen"), status, rs.getString("provider_transaction_id"),
                rs.getString("created_by"), createdAt, Sql.instant(rs, "paid_at"), rs.getLong("refunded_fen"),
                receiptNumber, rs.getString("failure_reason"));
    }
}
