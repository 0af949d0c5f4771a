package org.anju.simulator.device;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Reconnect delays: exponential from {@code initial} up to {@code max}, each drawn between half and
 * all of that ("equal jitter"), so that devices cut off together do not come back together.
 */
public record Backoff(Duration initial, Duration max) {

    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + " and " + max);
        }
    }

    /** Returns the delay before reconnect attempt {@code attempt} (0 for the first). */
    public Duration delay(int attempt, SplittableRandom random) {
        long cap = max.toMillis();
        long exponential = attempt >= 30 ? cap : Math.min(cap, initial.toMillis() << attempt);
        long half = exponential / 2;
        return Duration.ofMillis(half + random.nextLong(exponential - half + 1));
    }
}
