package org.anju.platform.storage.history;

import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Picks the resolution of a history so that a chart gets enough points to be useful and never
 * more than {@link DeviceHistory#MAX_POINTS}:
 * <ol>
 * <li>raw, when the raw rows of the whole range are still kept, the range is at most
 *     {@link #RAW_MAX_RANGE}, and it holds at most {@link #MAX_RAW_POINTS} points (counted from
 *     the hourly rollups, so the count costs at most 168 rows);</li>
 * <li>hourly, when the hourly rows of the whole range are kept and the range is at most
 *     {@link #HOURLY_MAX_RANGE} (at most 2,209 buckets);</li>
 * <li>daily otherwise (at most 1,831 buckets over the longest allowed range).</li>
 * </ol>
 */
final class ResolutionPlanner {

    static final Duration RAW_MAX_RANGE = Duration.ofDays(7);
    static final int MAX_RAW_POINTS = 2_000;
    static final Duration HOURLY_MAX_RANGE = Duration.ofDays(92);

    private ResolutionPlanner() {
    }

    /**
     * @param rawKeptFor    raw telemetry retention
     * @param hourlyKeptFor hourly rollup retention
     * @param rawPoints     counts the raw points in the range; asked only when raw is otherwise possible
     */
    static Resolution plan(Instant from, Instant to, Instant now, Duration rawKeptFor, Duration hourlyKeptFor,
            LongSupplier rawPoints) {
        Duration range = Duration.between(from, to);
        if (!from.isBefore(now.minus(rawKeptFor)) && range.compareTo(RAW_MAX_RANGE) <= 0
                && rawPoints.getAsLong() <= MAX_RAW_POINTS) {
            return Resolution.RAW;
        }
        if (!from.isBefore(now.minus(hourlyKeptFor)) && range.compareTo(HOURLY_MAX_RANGE) <= 0) {
            return Resolution.HOUR;
        }
        return Resolution.DAY;
    }
}
