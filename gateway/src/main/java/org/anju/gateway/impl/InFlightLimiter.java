package org.anju.gateway.impl;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The global bound on messages read but not yet answered, over all connections. Connections that
 * paused because of it wait here and are resumed when it has fallen to three quarters.
 */
final class InFlightLimiter {

    private final int max;
    private final int resumeBelow;
    private final AtomicInteger total = new AtomicInteger();
    private final Set<FlowControl> waiting = ConcurrentHashMap.newKeySet();

    InFlightLimiter(int max) {
        this.max = max;
        this.resumeBelow = Math.max(1, max * 3 / 4);
    }

    /** Counts a message in; returns whether the total is still below the bound. */
    boolean acquire() {
        return total.incrementAndGet() < max;
    }

    void release() {
        if (total.decrementAndGet() < resumeBelow && !waiting.isEmpty()) {
            for (FlowControl flow : waiting) {
                if (waiting.remove(flow)) {
                    flow.globalCapacityFreed();
                }
            }
        }
    }

    boolean belowBound() {
        return total.get() < max;
    }

    void waitForCapacity(FlowControl flow) {
        waiting.add(flow);
        // capacity may have been freed between the caller's check and now
        if (total.get() < resumeBelow && waiting.remove(flow)) {
            flow.globalCapacityFreed();
        }
    }

    void forget(FlowControl flow) {
        waiting.remove(flow);
    }

    int total() {
        return total.get();
    }
}
