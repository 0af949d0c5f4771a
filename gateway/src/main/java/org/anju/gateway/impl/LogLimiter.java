package org.anju.gateway.impl;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Lets through one log line per kind per interval and counts the rest, so that a database outage
 * or a device flooding bad input costs a few lines, not one per message (the per-message
 * figures are in the metrics). The next line of a kind says how many were left out.
 */
final class LogLimiter {

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    LogLimiter(long interval, TimeUnit unit, LongSupplier nanoTime) {
        this.intervalNanos = unit.toNanos(interval);
        this.nanoTime = nanoTime;
    }

    /**
     * Returns -1 when a line of this kind must not be logged now; otherwise the number of lines of
     * the kind suppressed since the last one that was logged.
     */
    long admit(String kind) {
        Window window = windows.computeIfAbsent(kind, k -> new Window());
        long now = nanoTime.getAsLong();
        synchronized (window) {
            if (window.loggedAt != Long.MIN_VALUE && now - window.loggedAt < intervalNanos) {
                window.suppressed.incrementAndGet();
                return -1;
            }
            window.loggedAt = now;
            return window.suppressed.getAndSet(0);
        }
    }

    private static final class Window {
        private long loggedAt = Long.MIN_VALUE;
        private final AtomicLong suppressed = new AtomicLong();
    }
}
