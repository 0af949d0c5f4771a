package org.anju.platform.storage.history;

import java.time.Instant;

/**
 * One point of a device history.
 */
public sealed interface HistoryPoint permits HistoryPoint.Raw, HistoryPoint.Bucket {

    Instant ts();

    /** A data point as the device sent it. */
    record Raw(Instant ts, double value) implements HistoryPoint {
    }

    /**
     * An hourly or daily bucket, {@code ts} being its start.
     *
     * @param last the value with the newest timestamp in the bucket
     */
    record Bucket(Instant ts, long count, double min, double max, double avg, double last) implements HistoryPoint {
    }
}
