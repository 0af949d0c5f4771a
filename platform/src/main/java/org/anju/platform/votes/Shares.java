package org.anju.platform.votes;

/**
 * Exact comparisons of shares by cross-multiplication (never floating point): is
 * {@code part / whole} at least, or more than, {@code num / den}. Areas are in 0.01 m² and
 * heads are counts, so the products stay far inside a {@code long}; an overflow throws rather
 * than answers wrongly.
 */
final class Shares {

    private Shares() {
    }

    /** Returns whether part/whole ≥ num/den; false when whole is 0. */
    static boolean atLeast(long part, long whole, long num, long den) {
        return whole > 0 && Math.multiplyExact(part, den) >= Math.multiplyExact(whole, num);
    }

    /** Returns whether part/whole > num/den; false when whole is 0. */
    static boolean moreThan(long part, long whole, long num, long den) {
        return whole > 0 && Math.multiplyExact(part, den) > Math.multiplyExact(whole, num);
    }
}
