package org.anju.platform.maintenance.forecast;

/**
 * A Theil–Sen fit of one series: the median of the pairwise slopes, its confidence band from the
 * variance of Kendall's S, and the fitted level at the last point.
 *
 * @param points      the finite points the fit used
 * @param firstX      the first point's x (days, or weeks for weekly counts)
 * @param lastX       the last point's x
 * @param slope       the Sen slope, units of y per unit of x
 * @param slopeLow    the band's lower slope; {@link Double#NEGATIVE_INFINITY} when the series is too short for one
 * @param slopeHigh   the band's upper slope; {@link Double#POSITIVE_INFINITY} when the series is too short for one
 * @param levelAtLast the fitted value at {@code lastX}: the median of {@code y - slope * (x - lastX)}
 * @param kendallZ    the Mann–Kendall statistic (with the continuity correction and ties in y accounted for)
 * @param confidence  the two-sided confidence that the trend is not zero, {@code 2 Φ(|Z|) − 1}
 */
public record Trend(int points, double firstX, double lastX, double slope, double slopeLow, double slopeHigh,
        double levelAtLast, double kendallZ, double confidence) {

    /** Returns the span the points cover, in units of x. */
    public double span() {
        return lastX - firstX;
    }

    /** Returns whether the whole band lies on one side of zero. */
    public boolean significant() {
        return slopeLow > 0 || slopeHigh < 0;
    }

    /** Returns the band's width relative to the slope, the noise measure; infinite for a zero slope. */
    public double relativeBand() {
        return slope == 0 ? Double.POSITIVE_INFINITY : (slopeHigh - slopeLow) / Math.abs(slope);
    }
}
