package org.anju.platform.parking;

import java.time.Instant;
import java.util.Objects;

/**
 * A settled, priced charge that a billing run turns into an invoice line (or, without a household,
 * books as revenue collected at the gate). Until the money helper's {@code billing.BillableSource}
 * is merged this is the contract, shared by visitor parking and EV charging.
 *
 * @param sourceId    unique and stable per charge: the billing run's idempotency key
 *                    ({@code parking-visit:<id>}, {@code charging-session:<id>})
 * @param householdId the household billed; null for a visitor no household answers for
 * @param amountFen   the amount in fen, ≥ 0
 * @param at          when the charge arose (the visit's exit, the session's stop): the period it belongs to
 */
public record BillableItem(String sourceId, String communityId, Long householdId, long amountFen, String description,
        Instant at) {

    public BillableItem {
        Objects.requireNonNull(sourceId, "sourceId");
        if (amountFen < 0) {
            throw new IllegalArgumentException("a billable amount is not negative: " + amountFen);
        }
    }
}
