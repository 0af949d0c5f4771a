package org.anju.bench.platform;

import java.util.Arrays;

/** Nearest-rank percentiles of measured values, as the benchmarks report them. */
final class Percentiles {

    private Percentiles() {
    }

    /** Returns the nearest-rank percentile {@code p} (0–100] of the values; 0 when there are none. */
    static double of(double[] values, double p) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }
}
