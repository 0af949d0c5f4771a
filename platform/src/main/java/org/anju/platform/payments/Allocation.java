package org.anju.platform.payments;

/**
 * How a settled payment applies to what an invoice still owes: the part that pays the invoice, and
 * the rest (an overpayment) kept as the household's credit. A payment below what is owed is a
 * partial payment; the invoice stays open for the rest.
 *
 * @param appliedFen what pays the invoice
 * @param creditFen  what exceeds it, held as the household's credit
 * @param settled    whether the invoice is paid in full after this payment
 */
public record Allocation(long appliedFen, long creditFen, boolean settled) {

    /**
     * Applies a payment to an invoice's open amount.
     *
     * @throws IllegalArgumentException for a negative amount or a payment of nothing
     */
    public static Allocation of(long openFen, long paymentFen) {
        if (openFen < 0 || paymentFen <= 0) {
            throw new IllegalArgumentException("open amount must be ≥ 0 and payment > 0: " + openFen + ", " + paymentFen);
        }
        long applied = Math.min(openFen, paymentFen);
        return new Allocation(applied, paymentFen - applied, applied == openFen);
    }
}
