package org.anju.platform.votes;

/**
 * A share that consent must reach, as an exact fraction: {@link #THREE_QUARTERS} is met at
 * exactly 3/4, {@link #MORE_THAN_HALF} only above 1/2 ("more than half").
 */
public enum Majority {
    /** At least 3/4: raising the fund, rebuilding, business use of common parts. */
    THREE_QUARTERS(3, 4, true),
    /** Strictly more than 1/2: every other matter, including using the fund. */
    MORE_THAN_HALF(1, 2, false);

    private final long numerator;
    private final long denominator;
    private final boolean inclusive;

    Majority(long numerator, long denominator, boolean inclusive) {
        this.numerator = numerator;
        this.denominator = denominator;
        this.inclusive = inclusive;
    }

    /** Returns whether {@code part} of {@code whole} reaches this share; nothing of nothing does not. */
    public boolean reachedBy(long part, long whole) {
        return inclusive ? Shares.atLeast(part, whole, numerator, denominator)
                : Shares.moreThan(part, whole, numerator, denominator);
    }
}
