package org.anju.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void percentilesAreWithinABucketOfTheExactValue() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (long micros = 1; micros <= 100_000; micros++) {
            histogram.record(micros);
        }
        assertThat(histogram.count()).isEqualTo(100_000);
        assertThat(histogram.percentileMillis(50)).isCloseTo(50.0, within(50.0 * 0.07));
        assertThat(histogram.percentileMillis(99)).isCloseTo(99.0, within(99.0 * 0.07));
        assertThat(histogram.percentileMillis(100)).isCloseTo(100.0, within(100.0 * 0.07));
    }

    @Test
    void bucketsCoverEveryValueInOrder() {
        int previous = -1;
        for (long micros = 0; micros < 1_000_000; micros += 7) {
            int index = LatencyHistogram.index(micros);
            assertThat(index).isGreaterThanOrEqualTo(previous);
            assertThat(LatencyHistogram.upperEdge(index)).isGreaterThanOrEqualTo(micros);
            previous = index;
        }
        assertThat(LatencyHistogram.upperEdge(LatencyHistogram.index(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void resetForgetsTheWarmUp() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.record(5_000_000);
        histogram.reset();
        histogram.record(1_000);
        assertThat(histogram.count()).isOne();
        assertThat(histogram.percentileMillis(99)).isCloseTo(1.0, within(0.07));
        assertThat(new LatencyHistogram().percentileMillis(50)).isZero();
    }
}
