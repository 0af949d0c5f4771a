package org.anju.simulator;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;

/**
 * The live progress line of {@code simulate run}: devices connected, messages per second since the
 * last line, acknowledged, failures, and the process's heap and thread counts.
 */
final class ProgressLine {

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long lastPublished;
    private long lastNanos = System.nanoTime();

    /** Returns the line for now. */
    String next(SimulatorStats stats, int devices) {
        long now = System.nanoTime();
        long published = stats.published();
        double rate = (published - lastPublished) * 1e9 / Math.max(1, now - lastNanos);
        lastPublished = published;
        lastNanos = now;
        return String.format("devices %d/%d connected | %.1f msg/s | published %d acknowledged %d failed %d unsent %d"
                        + " | connect failures %d | commands %d | heap used %d MB | platform threads %d",
                stats.connected(), devices, rate, published, stats.acknowledged(), stats.failed(), stats.unsent(),
                stats.connectFailures(), stats.commands(), memory.getHeapMemoryUsage().getUsed() >> 20,
                threads.getThreadCount());
    }
}
