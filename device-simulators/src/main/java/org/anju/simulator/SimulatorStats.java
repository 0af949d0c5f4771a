package org.anju.simulator;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Running totals of a simulation, safe to update from any thread.
 */
public final class SimulatorStats {

    private final AtomicInteger connected = new AtomicInteger();
    private final LongAdder published = new LongAdder();
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder unsent = new LongAdder();
    private final LongAdder connectFailures = new LongAdder();
    private final LongAdder commands = new LongAdder();

    public void onConnected() {
        connected.incrementAndGet();
    }

    public void onDisconnected() {
        connected.decrementAndGet();
    }

    public void onPublished() {
        published.increment();
    }

    public void onAcknowledged() {
        acknowledged.increment();
    }

    /** A publish that was refused (negative PUBACK) or lost with its connection. */
    public void onFailed() {
        failed.increment();
    }

    /** A message the device would have sent while it was not connected. */
    public void onUnsent() {
        unsent.increment();
    }

    public void onConnectFailed() {
        connectFailures.increment();
    }

    public void onCommand() {
        commands.increment();
    }

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

    public long unsent() {
        return unsent.sum();
    }

    public long connectFailures() {
        return connectFailures.sum();
    }

    public long commands() {
        return commands.sum();
    }

    @Override
    public String toString() {
        return "connected=" + connected() + " published=" + published() + " acknowledged=" + acknowledged()
                + " failed=" + failed() + " unsent=" + unsent() + " connectFailures=" + connectFailures()
                + " commands=" + commands();
    }
}
