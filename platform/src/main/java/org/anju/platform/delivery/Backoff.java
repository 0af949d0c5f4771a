package org.anju.platform.delivery;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When a failed delivery is tried again: exponential backoff with "equal jitter", a random time
 * between half the exponential delay and all of it, so that receivers coming back after an outage
 * are not hit by every retry at the same instant.
 *
 * @param base        the delay after the first failure (before jitter)
 * @param max         the longest delay
 * @param maxAttempts attempts in all; after that many failures the delivery is dead
 */
public record Backoff(Duration base, Duration max, int maxAttempts) {

    /** Returns the delay after the given failed attempt (1 for the first). */
    public Duration delayAfter(int attempt, RandomGenerator random) {
        long ceiling = ceilingMillis(attempt);
        long half = ceiling / 2;
        return Duration.ofMillis(half + random.nextLong(ceiling - half + 1));
    }

    /** Returns the delay before jitter: base * 2^(attempt-1), capped at max. */
    long ceilingMillis(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 40);
        long delay = base.toMillis();
        for (int i = 0; i < doublings && delay < max.toMillis(); i++) {
            delay *= 2;
        }
        return Math.min(delay, max.toMillis());
    }

    /** Returns whether the delivery is dead after this failed attempt. */
    public boolean exhausted(int attempt) {
        return attempt >= maxAttempts;
    }
}
