package org.anju.platform.payments;

import java.time.Instant;

/**
 * A payment order: what a payer is asked to pay for an invoice (or, without one, to add to the
 * household's credit), through a provider or recorded by staff as cash or a bank transfer.
 *
 * @param invoiceId     the invoice paid; null for a top-up of the household's credit
 * @param status        {@code created}, {@code paid}, {@code expired} (created and not paid within
 *                      {@code payments.orderExpiry}), {@code failed} (the provider reported the payment
 *                      failed), {@code refunded} (all of it)
 * @param refundedFen   what staff refunded of it so far
 * @param receiptNumber the community's receipt number once paid, else null
 * @param failureReason the provider's reason when it reported the payment failed, else null
 */
public record PaymentOrder(long id, String communityId, long householdId, Long invoiceId, String provider,
        long amountFen, String status, String providerTransactionId, String createdBy, Instant createdAt,
        Instant paidAt, long refundedFen, Long receiptNumber, String failureReason) {

    /** The provider name of cash taken by staff. */
    public static final String CASH = "cash";
    /** The provider name of a bank transfer recorded by staff. */
    public static final String BANK_TRANSFER = "bank_transfer";

    /** Returns whether the order's money was received (paid, possibly refunded since). */
    public boolean settled() {
        return paidAt != null;
    }

    /** Returns the idempotency key of the order's settlement entry in the ledger. */
    public static String entryKey(long orderId) {
        return "payment:" + orderId;
    }
}
