package org.anju.simulator.load;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies in microseconds in log-linear buckets (16 per power of two, so a percentile is off by
 * at most about 4%), recordable from many threads without locks and in constant memory however
 * long a run lasts.
 */
public final class LatencyHistogram {

    private static final int SUB_BUCKET_BITS = 4;
    private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
    private static final int BUCKETS = (64 - SUB_BUCKET_BITS + 1) * SUB_BUCKETS;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    /** Records one latency. */
    public void record(long micros) {
        counts.incrementAndGet(index(Math.max(0, micros)));
    }

    /** Forgets what was recorded (e.g. during a warm-up). */
    public void reset() {
        for (int i = 0; i < BUCKETS; i++) {
            counts.set(i, 0);
        }
    }

    /** Returns how many latencies were recorded. */
    public long count() {
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            total += counts.get(i);
        }
        return total;
    }

    /**
     * Returns the nearest-rank percentile in milliseconds (the upper edge of its bucket), 0 when
     * nothing was recorded.
     */
    public double percentileMillis(double percentile) {
        long total = count();
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return upperEdge(i) / 1000.0;
            }
        }
        return upperEdge(BUCKETS - 1) / 1000.0;
    }

    static int index(long micros) {
        if (micros < SUB_BUCKETS) {
            return (int) micros;
        }
        int magnitude = 63 - Long.numberOfLeadingZeros(micros);
        int shift = magnitude - SUB_BUCKET_BITS;
        int sub = (int) (micros >>> shift) - SUB_BUCKETS;
        return (shift + 1) * SUB_BUCKETS + sub;
    }

    static long upperEdge(int index) {
        if (index < SUB_BUCKETS) {
            return index;
        }
        int shift = index / SUB_BUCKETS - 1;
        long sub = index % SUB_BUCKETS + SUB_BUCKETS;
        return ((sub + 1) << shift) - 1;
    }
}
