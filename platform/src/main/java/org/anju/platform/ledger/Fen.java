package org.anju.platform.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.anju.error.ClientError;

/**
 * The one rounding rule for money: every line (an invoice line, a posting, a prorated amount) is
 * rounded on its own to a whole fen, half up (0.5 fen and more goes up, less goes down), and
 * totals are sums of rounded lines. Amounts are never negative when rounded here, so half up and
 * half away from zero agree.
 */
public final class Fen {

    private Fen() {
    }

    /**
     * Returns an exact amount in fen rounded half up to a whole fen.
     *
     * @throws ArithmeticException when the result does not fit a long
     */
    public static long halfUp(BigDecimal fen) {
        return fen.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /** Returns {@code fenPerUnit × quantity} (e.g. fen per m² × m², fen per kWh × kWh) rounded half up. */
    public static long times(long fenPerUnit, BigDecimal quantity) {
        return halfUp(BigDecimal.valueOf(fenPerUnit).multiply(quantity));
    }

    /**
     * Returns {@code amount × numerator / denominator} rounded half up: a share (days of a period,
     * a percentage) of an amount.
     *
     * @throws IllegalArgumentException when the denominator is not positive
     */
    public static long share(long amountFen, long numerator, long denominator) {
        if (denominator <= 0) {
            throw new IllegalArgumentException("denominator must be positive: " + denominator);
        }
        // divide(…, 0, HALF_UP) rounds the exact quotient, however many digits it has
        return BigDecimal.valueOf(amountFen).multiply(BigDecimal.valueOf(numerator))
                .divide(BigDecimal.valueOf(denominator), 0, RoundingMode.HALF_UP).longValueExact();
    }

    /**
     * Parses an amount of fen from an API: a whole, non-negative number.
     *
     * @throws ClientError 400 naming the field when it is not
     */
    public static long parse(String field, Object value) {
        if (value instanceof Integer || value instanceof Long) {
            long fen = ((Number) value).longValue();
            if (fen >= 0) {
                return fen;
            }
        }
        throw ClientError.badRequest(field + " must be a whole, non-negative number of fen, was " + value);
    }
}
