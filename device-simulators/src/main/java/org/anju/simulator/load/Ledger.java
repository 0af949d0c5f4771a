package org.anju.simulator.load;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a load run sent and what the platform acknowledged: for every device, the measurement
 * times ({@code ts}, unique per device) of the messages whose PUBACK reported success. After the
 * run, {@link LedgerCheck} looks each of them up in the database: an acknowledged message that is
 * not stored is lost, one stored twice is duplicated.
 */
public final class Ledger {

    private final Map<String, Timestamps> acknowledged = new ConcurrentHashMap<>();
    private final LatencyHistogram pubackLatency = new LatencyHistogram();
    private final LongAdder sent = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder unanswered = new LongAdder();

    void sent() {
        sent.increment();
    }

    /** Records a successful PUBACK for the message of {@code deviceId} measured at {@code tsMillis}. */
    void acknowledged(String deviceId, long tsMillis, long latencyMicros) {
        acknowledged.computeIfAbsent(deviceId, id -> new Timestamps()).add(tsMillis);
        acked.increment();
        pubackLatency.record(latencyMicros);
    }

    /** The platform answered with a failure reason code: the message was not stored, and the device knows. */
    void refused() {
        refused.increment();
    }

    /** The connection went before an answer came: the device does not know, so it counts neither way. */
    void unanswered() {
        unanswered.increment();
    }

    public long sentCount() {
        return sent.sum();
    }

    public long acknowledgedCount() {
        return acked.sum();
    }

    public long refusedCount() {
        return refused.sum();
    }

    public long unansweredCount() {
        return unanswered.sum();
    }

    public LatencyHistogram pubackLatency() {
        return pubackLatency;
    }

    /** Returns each device's acknowledged timestamps (epoch ms), sorted; a copy. */
    public Map<String, long[]> acknowledgedTimestamps() {
        Map<String, long[]> copy = new ConcurrentHashMap<>();
        acknowledged.forEach((device, ts) -> copy.put(device, ts.sorted()));
        return copy;
    }

    /** A growable list of longs, appended to by one device's callbacks. */
    private static final class Timestamps {
        private long[] values = new long[64];
        private int size;

        synchronized void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        synchronized long[] sorted() {
            long[] copy = Arrays.copyOf(values, size);
            Arrays.sort(copy);
            return copy;
        }
    }
}
