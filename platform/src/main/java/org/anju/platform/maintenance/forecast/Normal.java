package org.anju.platform.maintenance.forecast;

/** The standard normal distribution, for the Kendall-based confidence band. */
final class Normal {

    private Normal() {
    }

    /** Returns P(Z ≤ z), accurate to about 1e-7 (Abramowitz–Stegun 7.1.26 on erf). */
    static double cdf(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        double erf = 1 - poly * Math.exp(-x * x);
        return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }

    /** Returns z with P(Z ≤ z) = p, for 0.5 ≤ p < 1, by bisection on {@link #cdf}. */
    static double quantile(double p) {
        double lo = 0;
        double hi = 10;
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            if (cdf(mid) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }
}
