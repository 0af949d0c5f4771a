package org.anju.platform.payments;

import java.time.Instant;

/**
 * The receipt of a settled order, numbered per community without gaps.
 *
 * @param appliedFen what paid the invoice
 * @param creditFen  what went to the household's credit (an overpayment or a top-up)
 */
public record Receipt(String communityId, long number, long orderId, long householdId, Long invoiceId,
        String provider, long amountFen, long appliedFen, long creditFen, Instant issuedAt) {
}
