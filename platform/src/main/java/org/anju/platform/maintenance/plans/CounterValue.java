package org.anju.platform.maintenance.plans;

import java.time.Instant;

/**
 * One usage counter of one device.
 *
 * @param value     the usage since {@code since}, in the counter's unit
 * @param threshold the community's threshold
 * @param restarts  readings that restarted from 0 (counter resets, replaced devices) on the way
 * @param since     the last completed maintenance (or when the asset was provisioned)
 * @param from      the first reading counted, null when none (may be later than {@code since} when
 *                  raw readings older than {@code retention.telemetry} are gone)
 */
public record CounterValue(UsageCounter counter, double value, double threshold, int restarts, Instant since,
        Instant from) {

    /** Returns whether the usage reached its threshold. */
    public boolean over() {
        return value >= threshold;
    }

    /** Returns the evidence of due work as JSON text. */
    public String evidence() {
        return "{\"counter\": \"" + counter.wireName() + "\", \"value\": " + value + ", \"threshold\": " + threshold
                + ", \"restarts\": " + restarts + ", \"since\": \"" + since + "\"}";
    }
}
