package org.anju.gateway.impl;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.anju.gateway.GatewayOptions;
import org.anju.net.SourceAddress;

/**
 * Counts failed authentications per source address, and per user name from it, and decides how
 * long the answer to a failure waits and what is locked ({@link GatewayOptions.AuthThrottle}). An
 * IPv6 address counts by its /64 prefix, since one host usually has a whole /64 to pick addresses
 * from.
 * <p>
 * Thread-safe: connections of every event loop share it. Memory is bounded: failures are
 * forgotten after the lock duration, and at most {@value #MAX_TRACKED_NAMES} user names are
 * followed at once (beyond that, only addresses are).
 */
final class AddressThrottle {

    static final int MAX_TRACKED_NAMES = 100_000;

    private static final class Failures {
        private int count;
        private long lastNanos;
        private long lockedUntilNanos;
    }

    private final GatewayOptions.AuthThrottle settings;
    private final LongSupplier nanoTime;
    private final Map<String, Failures> addresses = new ConcurrentHashMap<>();
    private final Map<String, Failures> names = new ConcurrentHashMap<>();

    AddressThrottle(GatewayOptions.AuthThrottle settings, LongSupplier nanoTime) {
        this.settings = settings;
        this.nanoTime = nanoTime;
    }

    /** Returns how much longer the user name (or the whole address) stays locked there; zero when not locked. */
    Duration lockedFor(String address, String userName) {
        if (!settings.enabled()) {
            return Duration.ZERO;
        }
        String source = SourceAddress.key(address);
        long now = nanoTime.getAsLong();
        long left = Math.max(left(addresses.get(source), now), left(names.get(nameKey(source, userName)), now));
        return Duration.ofNanos(left);
    }

    /**
     * Records a failed authentication of the user name from the address.
     *
     * @return how long the answer to this failure waits: {@code baseDelay × 2^(n-1)} for the
     *         address's n-th failure in a row, at most {@code maxDelay}
     */
    Duration failed(String address, String userName) {
        if (!settings.enabled()) {
            return Duration.ZERO;
        }
        String source = SourceAddress.key(address);
        long now = nanoTime.getAsLong();
        String key = nameKey(source, userName);
        Failures name = names.size() < MAX_TRACKED_NAMES ? names.computeIfAbsent(key, k -> new Failures()) : names.get(key);
        if (name != null) {
            count(name, now, settings.maxFailures());
        }
        return delay(count(addresses.computeIfAbsent(source, a -> new Failures()), now, settings.maxAddressFailures()));
    }

    /** Forgets failures that are old enough; keeps memory bounded over time. */
    void forgetExpired() {
        long now = nanoTime.getAsLong();
        addresses.values().removeIf(failures -> forgotten(failures, now));
        names.values().removeIf(failures -> forgotten(failures, now));
    }

    /** Returns how many addresses have failures on record. */
    int size() {
        return addresses.size();
    }

    /** Counts one more failure, locking at {@code max}; returns the failures in a row. */
    private int count(Failures failures, long now, int max) {
        synchronized (failures) {
            if (failures.count > 0 && forgotten(failures, now)) {
                failures.count = 0;
                failures.lockedUntilNanos = 0;
            }
            failures.count++;
            failures.lastNanos = now;
            if (failures.count >= max) {
                failures.lockedUntilNanos = now + settings.lockDuration().toNanos();
            }
            return failures.count;
        }
    }

    private static long left(Failures failures, long now) {
        if (failures == null) {
            return 0;
        }
        synchronized (failures) {
            return failures.lockedUntilNanos == 0 ? 0 : Math.max(0, failures.lockedUntilNanos - now);
        }
    }

    private boolean forgotten(Failures failures, long now) {
        synchronized (failures) {
            long lockEnd = Math.max(failures.lockedUntilNanos, failures.lastNanos + settings.lockDuration().toNanos());
            return now - lockEnd >= 0;
        }
    }

    private Duration delay(int count) {
        long max = settings.maxDelay().toNanos();
        long nanos = settings.baseDelay().toNanos();
        for (int i = 1; i < count && nanos < max; i++) {
            nanos *= 2;
        }
        return Duration.ofNanos(Math.min(nanos, max));
    }

    private static String nameKey(String source, String userName) {
        return source + '\u0000' + (userName == null ? "" : userName);
    }

}
