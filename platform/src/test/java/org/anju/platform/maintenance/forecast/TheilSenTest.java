package org.anju.platform.maintenance.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class TheilSenTest {

    @Test
    void selectionGivesTheSameMedianAndBandAsSortingEveryPairwiseSlope() {
        TheilSen fitter = new TheilSen(1.96);
        for (int seed = 0; seed < 50; seed++) {
            Random random = new Random(seed);
            int n = 10 + random.nextInt(171);
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = i + random.nextInt(2) * 0.5 + (i > 0 ? x[i - 1] - i + 1 : 0);
                // integer values: many ties, as integer battery percentages have
                y[i] = Math.round(0.3 * i + 5 * random.nextGaussian());
            }
            Trend t = fitter.fit(x, y, n);

            double[] sorted = sortedSlopes(x, y, n);
            int pairs = sorted.length;
            double median = pairs % 2 == 1 ? sorted[pairs / 2] : (sorted[pairs / 2 - 1] + sorted[pairs / 2]) / 2;
            assertThat(t.slope()).isCloseTo(median, within(1e-12));
            double c = 1.96 * Math.sqrt(varianceWithTies(y, n));
            int low = (int) Math.floor((pairs - c) / 2);
            int high = (int) Math.ceil((pairs + c) / 2) + 1;
            assertThat(t.slopeLow()).isEqualTo(sorted[low - 1]);
            assertThat(t.slopeHigh()).isEqualTo(sorted[high - 1]);
        }
    }

    @Test
    void anExactLineHasItsSlopeLevelAndNoBand() {
        double[] x = {0, 1, 2, 4, 8, 9, 10, 11, 12, 13};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = 3 - 2 * x[i];
        }
        Trend t = new TheilSen(1.96).fit(x, y, x.length);
        assertThat(t.slope()).isEqualTo(-2);
        assertThat(t.slopeLow()).isEqualTo(-2);
        assertThat(t.slopeHigh()).isEqualTo(-2);
        assertThat(t.levelAtLast()).isEqualTo(3 - 2 * 13);
        assertThat(t.kendallZ()).isNegative();
        assertThat(t.significant()).isTrue();
    }

    @Test
    void aConstantSeriesHasNoTrend() {
        double[] x = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        double[] y = new double[x.length];
        Arrays.fill(y, 42);
        Trend t = new TheilSen(1.96).fit(x, y, x.length);
        assertThat(t.slope()).isZero();
        assertThat(t.kendallZ()).isZero();
        assertThat(t.significant()).isFalse();
    }

    private static double[] sortedSlopes(double[] x, double[] y, int n) {
        double[] s = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (x[j] != x[i]) {
                    s[k++] = (y[j] - y[i]) / (x[j] - x[i]);
                }
            }
        }
        double[] sorted = Arrays.copyOf(s, k);
        Arrays.sort(sorted);
        return sorted;
    }

    private static double varianceWithTies(double[] y, int n) {
        double v = n * (n - 1.0) * (2 * n + 5);
        for (int i = 0; i < n; i++) {
            int t = 0;
            boolean first = true;
            for (int j = 0; j < n; j++) {
                if (y[j] == y[i]) {
                    t++;
                    first &= j >= i;
                }
            }
            if (first) {
                v -= t * (t - 1.0) * (2 * t + 5);
            }
        }
        return v / 18;
    }
}
