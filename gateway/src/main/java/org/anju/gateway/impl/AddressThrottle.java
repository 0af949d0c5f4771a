package org.anju.gateway.impl;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.anju.gateway.GatewayOptions;

/**
 * Counts failed authentications per source address and decides how long the answer to a failure
 * waits and when an address is locked ({@link GatewayOptions.AuthThrottle}). An IPv6 address counts
 * by its /64 prefix, since one host usually has a whole /64 to pick addresses from.
 * <p>
 * Thread-safe: connections of every event loop share it.
 */
final class AddressThrottle {

    private static final int IPV6_PREFIX_BYTES = 8;

    private static final class Failures {
        private int count;
        private long lastNanos;
        private long lockedUntilNanos;
    }

    private final GatewayOptions.AuthThrottle settings;
    private final LongSupplier nanoTime;
    private final Map<String, Failures> sources = new ConcurrentHashMap<>();

    AddressThrottle(GatewayOptions.AuthThrottle settings, LongSupplier nanoTime) {
        this.settings = settings;
        this.nanoTime = nanoTime;
    }

    /** Returns how much longer the address stays locked; zero when it is not locked. */
    Duration lockedFor(String address) {
        if (!settings.enabled()) {
            return Duration.ZERO;
        }
        Failures failures = sources.get(source(address));
        if (failures == null) {
            return Duration.ZERO;
        }
        synchronized (failures) {
            long left = failures.lockedUntilNanos - nanoTime.getAsLong();
            return failures.lockedUntilNanos == 0 || left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
        }
    }

    /**
     * Records a failed authentication from the address.
     *
     * @return how long the answer to this failure waits: {@code baseDelay × 2^(n-1)} for the n-th
     *         failure in a row, at most {@code maxDelay}; the address is locked from the
     *         {@code maxFailures}-th on
     */
    Duration failed(String address) {
        if (!settings.enabled()) {
            return Duration.ZERO;
        }
        long now = nanoTime.getAsLong();
        Failures failures = sources.computeIfAbsent(source(address), a -> new Failures());
        synchronized (failures) {
            if (failures.count > 0 && forgotten(failures, now)) {
                failures.count = 0;
                failures.lockedUntilNanos = 0;
            }
            failures.count++;
            failures.lastNanos = now;
            if (failures.count >= settings.maxFailures()) {
                failures.lockedUntilNanos = now + settings.lockDuration().toNanos();
            }
            return delay(failures.count);
        }
    }

    /** Forgets addresses that stayed without a failure for the lock duration; keeps memory bounded over time. */
    void forgetExpired() {
        long now = nanoTime.getAsLong();
        sources.values().removeIf(failures -> {
            synchronized (failures) {
                return forgotten(failures, now);
            }
        });
    }

    /** Returns how many addresses have failures on record. */
    int size() {
        return sources.size();
    }

    private boolean forgotten(Failures failures, long now) {
        long lockEnd = Math.max(failures.lockedUntilNanos, failures.lastNanos + settings.lockDuration().toNanos());
        return now - lockEnd >= 0;
    }

    private Duration delay(int count) {
        long max = settings.maxDelay().toNanos();
        long nanos = settings.baseDelay().toNanos();
        for (int i = 1; i < count && nanos < max; i++) {
            nanos *= 2;
        }
        return Duration.ofNanos(Math.min(nanos, max));
    }

    /** The key an address counts under: itself for IPv4, its /64 for IPv6. */
    static String source(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return address == null ? "" : address;
        }
        try {
            // a literal: no name is looked up
            InetAddress parsed = InetAddress.getByName(address);
            if (parsed instanceof Inet6Address v6) {
                byte[] bytes = v6.getAddress();
                StringBuilder prefix = new StringBuilder();
                for (int i = 0; i < IPV6_PREFIX_BYTES; i += 2) {
                    prefix.append(Integer.toHexString(((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF))).append(':');
                }
                return prefix.append(":/64").toString();
            }
            return parsed.getHostAddress();
        } catch (UnknownHostException | SecurityException notALiteral) {
            return address;
        }
    }
}
