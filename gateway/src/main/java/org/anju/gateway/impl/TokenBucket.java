package org.anju.gateway.impl;

/**
 * A token bucket: {@code burst} messages at once, refilled at {@code ratePerSecond}.
 * <p>
 * Kept in whole nanoseconds of credit (one token = the time to earn it), not in fractions of a
 * token, so that a device sending exactly at the rate is never refused by rounding. Times are
 * {@link System#nanoTime()} readings, compared by difference only (they may wrap); a time before
 * the last refill (read before the bucket was made) neither adds nor takes credit.
 * Used on one connection's event loop only.
 */
final class TokenBucket {

    private final long nanosPerToken;
    private final long capacity;
    private long credit;
    private long lastRefill;

    TokenBucket(double ratePerSecond, int burst, long nowNanos) {
        this.nanosPerToken = Math.max(1, Math.round(1e9 / ratePerSecond));
        // a bucket holding more than 292 years of credit is capped there
        this.capacity = nanosPerToken > Long.MAX_VALUE / burst ? Long.MAX_VALUE : nanosPerToken * burst;
        this.credit = capacity;
        this.lastRefill = nowNanos;
    }

    /** Takes a token; returns false when the bucket is empty. */
    boolean tryTake(long nowNanos) {
        long elapsed = nowNanos - lastRefill;
        if (elapsed > 0) {
            credit = elapsed >= capacity - credit ? capacity : credit + elapsed;
            lastRefill = nowNanos;
        }
        if (credit < nanosPerToken) {
            return false;
        }
        credit -= nanosPerToken;
        return true;
    }
}
