package org.anju.platform.history;

import java.time.Duration;

/**
 * How long a history's range may be, per resolution, and its range when {@code from} is absent
 * (configuration {@code limits.history.*}). The resolution planner picks the finest resolution
 * whose maximum covers the range; a request naming a resolution may span at most that
 * resolution's maximum. Hourly and daily maxima keep a chart within {@link DeviceHistory#MAX_POINTS}.
 *
 * @param defaultRange the range ending at {@code to} when {@code from} is absent
 * @param rawMaxRange  the longest range answered with raw points
 * @param hourMaxRange the longest range answered hourly (at most {@link #HOUR_CEILING})
 * @param dayMaxRange  the longest range of any history (at most {@link #DAY_CEILING})
 */
public record HistoryLimits(Duration defaultRange, Duration rawMaxRange, Duration hourMaxRange, Duration dayMaxRange) {

    /** The longest hourly range whose buckets (the first one started before {@code from}) fit one history. */
    public static final Duration HOUR_CEILING = Duration.ofHours(DeviceHistory.MAX_POINTS - 1);
    /** The longest daily range whose buckets fit one history. */
    public static final Duration DAY_CEILING = Duration.ofDays(DeviceHistory.MAX_POINTS - 1);
    /** The documented defaults: the last 24 hours; raw up to 7 days, hourly up to 92, daily up to 1,830. */
    public static final HistoryLimits DEFAULTS = new HistoryLimits(Duration.ofHours(24), Duration.ofDays(7),
            Duration.ofDays(92), Duration.ofDays(1830));

    public HistoryLimits {
        if (rawMaxRange.compareTo(hourMaxRange) > 0 || hourMaxRange.compareTo(dayMaxRange) > 0
                || hourMaxRange.compareTo(HOUR_CEILING) > 0 || dayMaxRange.compareTo(DAY_CEILING) > 0
                || defaultRange.compareTo(dayMaxRange) > 0) {
            throw new IllegalArgumentException("history limits must grow from raw to hour to day, within "
                    + HOUR_CEILING + " hourly and " + DAY_CEILING + " daily, the default range within them: " + this);
        }
    }

    /** Returns the longest range of a resolution. */
    public Duration maxRange(Resolution resolution) {
        return switch (resolution) {
            case RAW -> rawMaxRange;
            case HOUR -> hourMaxRange;
            case DAY -> dayMaxRange;
        };
    }
}
