package org.anju.platform.maintenance.forecast;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Forecasts the day a device's series reaches its limit, from daily rollup values (battery,
 * smoke-chamber baseline, disk use, connector temperature) or weekly fault counts, with a
 * Theil–Sen fit: robust to outliers and to gaps (x is the day, so a missing day is just absent).
 * <p>
 * No forecast comes from fewer points or a shorter span than {@link ForecastRules} asks, from a
 * trend whose band includes zero, or from one whose band is wider than
 * {@link ForecastRules#maxRelativeBand()} times its slope. Pure computation, no I/O; an instance
 * reuses scratch arrays, so keep one per thread.
 */
public final class Forecaster {

    /** Caps a far-off crossing so that dates stay representable. */
    private static final double MAX_DAYS = 36_500;

    private final ForecastRules rules;
    private final TheilSen fitter;

    /** Returns a forecaster with the given rules. */
    public Forecaster(ForecastRules rules) {
        this(rules, new TheilSen(rules.z()));
    }

    private Forecaster(ForecastRules rules, TheilSen fitter) {
        this.rules = rules;
        this.fitter = fitter;
    }

    /**
     * Returns a forecaster with other rules (a community's) that shares this one's scratch arrays
     * when the band's level is the same: use it on this forecaster's thread only.
     */
    public Forecaster with(ForecastRules other) {
        if (other.equals(rules)) {
            return this;
        }
        return other.confidenceLevel() == rules.confidenceLevel() ? new Forecaster(other, fitter) : new Forecaster(other);
    }

    /** Returns the rules. */
    public ForecastRules rules() {
        return rules;
    }

    /**
     * Forecasts from daily values.
     *
     * @param epochDays the local day of each value ({@link LocalDate#toEpochDay()}), increasing
     * @param values    the values; NaN or infinite ones are skipped
     * @param n         how many of the arrays' leading entries to use
     * @param limit     the limit
     * @param today     the day "due in N days" counts from
     */
    public Forecast daily(double[] epochDays, double[] values, int n, Limit limit, LocalDate today) {
        return crossing(fitter.fit(epochDays, values, n), rules.minDailyPoints(), rules.minDailySpanDays(), limit, today);
    }

    /**
     * Forecasts when weekly fault counts reach {@code faultsPerWeek}.
     *
     * @param weekStarts the first day of each week ({@link LocalDate#toEpochDay()}), increasing, the last
     *                   {@link ForecastRules#faultWeeks()} of them at most
     * @param counts     the faults in each week (0 for a week without faults: absence is a count here)
     * @param n          how many of the arrays' leading entries to use
     */
    public Forecast weeklyFaults(double[] weekStarts, double[] counts, int n, double faultsPerWeek, LocalDate today) {
        return crossing(fitter.fit(weekStarts, counts, n), rules.minFaultWeeks(), 7 * (rules.minFaultWeeks() - 1),
                Limit.above(faultsPerWeek), today);
    }

    private Forecast crossing(Trend trend, int minPoints, int minSpanDays, Limit limit, LocalDate today) {
        if (trend == null || trend.points() < minPoints) {
            return Forecast.none(Forecast.Outcome.TOO_FEW_POINTS, trend, limit);
        }
        if (trend.span() < minSpanDays) {
            return Forecast.none(Forecast.Outcome.TOO_SHORT, trend, limit);
        }
        if (!trend.significant()) {
            return Forecast.none(Forecast.Outcome.NOT_SIGNIFICANT, trend, limit);
        }
        if (trend.relativeBand() > rules.maxRelativeBand()) {
            return Forecast.none(Forecast.Outcome.TOO_NOISY, trend, limit);
        }
        if ((trend.slope() > 0) != limit.rising()) {
            return Forecast.none(Forecast.Outcome.MOVING_AWAY, trend, limit);
        }
        LocalDate last = LocalDate.ofEpochDay((long) trend.lastX());
        if (limit.reachedBy(trend.levelAtLast())) {
            LocalDate now = last.isAfter(today) ? last : today;
            return new Forecast(Forecast.Outcome.DUE, trend, limit, now, now, now, 0);
        }
        // steeper slope first: for a floor the band's low slope is the steeper fall
        double steep = limit.rising() ? trend.slopeHigh() : trend.slopeLow();
        double flat = limit.rising() ? trend.slopeLow() : trend.slopeHigh();
        double gap = limit.value() - trend.levelAtLast();
        LocalDate expected = last.plusDays(days(gap / trend.slope()));
        LocalDate earliest = last.plusDays(days(gap / steep));
        LocalDate latest = last.plusDays(days(gap / flat));
        int dueIn = (int) Math.max(0, ChronoUnit.DAYS.between(today, expected));
        Forecast.Outcome outcome = dueIn <= rules.horizonDays() ? Forecast.Outcome.DUE : Forecast.Outcome.BEYOND_HORIZON;
        return new Forecast(outcome, trend, limit, expected, earliest, latest, dueIn);
    }

    private static long days(double d) {
        return (long) Math.ceil(Math.min(Math.max(d, 0), MAX_DAYS));
    }
}
