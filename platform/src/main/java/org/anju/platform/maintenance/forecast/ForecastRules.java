package org.anju.platform.maintenance.forecast;

/**
 * When a series is long and clean enough to forecast from, and how far ahead a forecast matters.
 *
 * @param minDailyPoints   the fewest finite daily points a forecast is made from (default {@value #DEFAULT_MIN_DAILY_POINTS})
 * @param minDailySpanDays the shortest span, first to last daily point, in days (default {@value #DEFAULT_MIN_DAILY_SPAN_DAYS})
 * @param minFaultWeeks    the fewest weekly fault counts a fault-frequency trend is made from (default {@value #DEFAULT_MIN_FAULT_WEEKS}; with fewer the 95 % band can never exclude zero)
 * @param faultWeeks       how many whole weeks of fault counts the trend looks at (default {@value #DEFAULT_FAULT_WEEKS})
 * @param windowDays       how many days of daily rollups a forecast looks at (default {@value #DEFAULT_WINDOW_DAYS})
 * @param confidenceLevel  the level of the slope's band, two-sided (default {@value #DEFAULT_CONFIDENCE_LEVEL}); a forecast needs the whole band on one side of zero
 * @param maxRelativeBand  the widest band, as a multiple of the slope, still forecast from (default {@value #DEFAULT_MAX_RELATIVE_BAND}); wider is noise
 * @param horizonDays      how far ahead an expected date raises work (default {@value #DEFAULT_HORIZON_DAYS})
 */
public record ForecastRules(int minDailyPoints, int minDailySpanDays, int minFaultWeeks, int faultWeeks, int windowDays,
        double confidenceLevel, double maxRelativeBand, int horizonDays) {

    public static final int DEFAULT_MIN_DAILY_POINTS = 10;
    public static final int DEFAULT_MIN_DAILY_SPAN_DAYS = 14;
    public static final int DEFAULT_MIN_FAULT_WEEKS = 5;
    public static final int DEFAULT_FAULT_WEEKS = 8;
    public static final int DEFAULT_WINDOW_DAYS = 180;
    public static final double DEFAULT_CONFIDENCE_LEVEL = 0.95;
    public static final double DEFAULT_MAX_RELATIVE_BAND = 1.0;
    public static final int DEFAULT_HORIZON_DAYS = 90;

    /** The defaults. */
    public static final ForecastRules DEFAULTS = new ForecastRules(DEFAULT_MIN_DAILY_POINTS, DEFAULT_MIN_DAILY_SPAN_DAYS,
            DEFAULT_MIN_FAULT_WEEKS, DEFAULT_FAULT_WEEKS, DEFAULT_WINDOW_DAYS, DEFAULT_CONFIDENCE_LEVEL,
            DEFAULT_MAX_RELATIVE_BAND, DEFAULT_HORIZON_DAYS);

    /** @throws IllegalArgumentException naming the setting and the bad value */
    public ForecastRules {
        atLeast("minDailyPoints", minDailyPoints, 3);
        atLeast("minDailySpanDays", minDailySpanDays, 1);
        atLeast("minFaultWeeks", minFaultWeeks, 3);
        atLeast("faultWeeks", faultWeeks, minFaultWeeks);
        atLeast("windowDays", windowDays, minDailySpanDays);
        atLeast("horizonDays", horizonDays, 1);
        if (!(confidenceLevel >= 0.5 && confidenceLevel < 1)) {
            throw new IllegalArgumentException("maintenance.forecast.confidenceLevel must be in [0.5, 1): " + confidenceLevel);
        }
        if (!(maxRelativeBand > 0)) {
            throw new IllegalArgumentException("maintenance.forecast.maxRelativeBand must be above 0: " + maxRelativeBand);
        }
    }

    /** Returns these rules with another fewest daily points and horizon (a community's own). */
    public ForecastRules with(int minDailyPoints, int horizonDays) {
        return new ForecastRules(minDailyPoints, minDailySpanDays, minFaultWeeks, faultWeeks, windowDays, confidenceLevel,
                maxRelativeBand, horizonDays);
    }

    /** Returns the normal quantile of the two-sided band. */
    double z() {
        return Normal.quantile(1 - (1 - confidenceLevel) / 2);
    }

    private static void atLeast(String key, int value, int least) {
        if (value < least) {
            throw new IllegalArgumentException("maintenance.forecast." + key + " must be at least " + least + ": " + value);
        }
    }
}
