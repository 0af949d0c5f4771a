package org.anju.simulator;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Running totals of a simulation, safe to update from Paho's threads.
 */
public final class SimulatorStats {

    final AtomicInteger connected = new AtomicInteger();
    final LongAdder published = new LongAdder();
    final LongAdder acknowledged = new LongAdder();
    final LongAdder failed = new LongAdder();

    public int connected() {
        return connected.get();
    }

    public long published() {
        return published.sum();
    }

    public long acknowledged() {
        return acknowledged.sum();
    }

    public long failed() {
        return failed.sum();
    }

    @Override
    public String toString() {
        return "connected=" + connected() + " published=" + published() + " acknowledged=" + acknowledged()
                + " failed=" + failed();
    }
}
