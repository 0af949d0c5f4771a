package org.anju.platform.payments;

import java.time.Instant;

/**
 * A refund of (part of) a settled order.
 *
 * @param invoiceFen what the refund took back from the invoice (which is open again by it)
 * @param creditFen  what it took back from the household's credit (refunded first)
 */
public record Refund(long id, long orderId, long amountFen, long invoiceFen, long creditFen, String reason,
        String createdBy, Instant createdAt) {

    /** Returns the idempotency key of the refund's entry in the ledger. */
    public static String entryKey(long refundId) {
        return "refund:" + refundId;
    }
}
