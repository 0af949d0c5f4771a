package org.anju.platform.history;

import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Picks the resolution of a history so that a chart gets enough points to be useful and never
 * more than {@link DeviceHistory#MAX_POINTS}:
 * <ol>
 * <li>raw, when the raw rows of the whole range are still kept, the range is at most the raw
 *     maximum ({@link HistoryLimits#rawMaxRange()}, 7 days by default), and it holds at most
 *     {@link #MAX_RAW_POINTS} points (counted from the hourly rollups, so the count costs at most
 *     one row per hour of the range);</li>
 * <li>hourly, when the hourly rows of the whole range are kept and the range is at most the hourly
 *     maximum (92 days by default: at most 2,209 buckets);</li>
 * <li>daily otherwise (at most 1,831 buckets over the default longest range).</li>
 * </ol>
 */
final class ResolutionPlanner {

    static final int MAX_RAW_POINTS = 2_000;

    private ResolutionPlanner() {
    }

    /**
     * @param rawKeptFor    raw telemetry retention
     * @param hourlyKeptFor hourly rollup retention
     * @param rawPoints     counts the raw points in the range; asked only when raw is otherwise possible
     */
    static Resolution plan(Instant from, Instant to, Instant now, Duration rawKeptFor, Duration hourlyKeptFor,
            HistoryLimits limits, LongSupplier rawPoints) {
        Duration range = Duration.between(from, to);
        if (!from.isBefore(now.minus(rawKeptFor)) && range.compareTo(limits.rawMaxRange()) <= 0
                && rawPoints.getAsLong() <= MAX_RAW_POINTS) {
            return Resolution.RAW;
        }
        if (!from.isBefore(now.minus(hourlyKeptFor)) && range.compareTo(limits.hourMaxRange()) <= 0) {
            return Resolution.HOUR;
        }
        return Resolution.DAY;
    }
}
