package org.anju.gateway.impl;

/**
 * A token bucket: {@code burst} messages at once, refilled at {@code ratePerSecond}.
 * Used on one connection's event loop only.
 */
final class TokenBucket {

    private final double ratePerNano;
    private final double capacity;
    private double tokens;
    private long lastRefill;

    TokenBucket(double ratePerSecond, int burst, long nowNanos) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.capacity = burst;
        this.tokens = burst;
        this.lastRefill = nowNanos;
    }

    /** Takes a token; returns false when the bucket is empty. */
    boolean tryTake(long nowNanos) {
        tokens = Math.min(capacity, tokens + (nowNanos - lastRefill) * ratePerNano);
        lastRefill = nowNanos;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
