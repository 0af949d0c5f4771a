package org.anju.platform.maintenance.forecast;

import java.time.LocalDate;

/**
 * What a series says about when it reaches its limit, with the evidence.
 *
 * @param outcome   whether there is a forecast, and why not
 * @param trend     the fit (points, span, slope, band, confidence); {@code null} when fewer than two finite points
 * @param limit     the limit the forecast is about
 * @param expected  the day the fitted line reaches the limit; {@code null} unless {@link Outcome#DUE} or {@link Outcome#BEYOND_HORIZON}
 * @param earliest  the day the band's steeper slope reaches it
 * @param latest    the day the band's flatter slope reaches it
 * @param dueInDays days from today to {@code expected}, 0 when already reached; -1 without an expected day
 */
public record Forecast(Outcome outcome, Trend trend, Limit limit, LocalDate expected, LocalDate earliest, LocalDate latest,
        int dueInDays) {

    /** Why a forecast was or was not made. */
    public enum Outcome {
        /** The limit is expected within the horizon: work is due. */
        DUE,
        /** The limit is expected, but later than the horizon. */
        BEYOND_HORIZON,
        /** Fewer finite points than the minimum. */
        TOO_FEW_POINTS,
        /** The points span less than the minimum. */
        TOO_SHORT,
        /** The band includes zero: no trend to forecast from. */
        NOT_SIGNIFICANT,
        /** The band is wider than allowed relative to the slope. */
        TOO_NOISY,
        /** The trend runs away from the limit. */
        MOVING_AWAY
    }

    /** Returns whether this forecast raises work. */
    public boolean due() {
        return outcome == Outcome.DUE;
    }

    static Forecast none(Outcome outcome, Trend trend, Limit limit) {
        return new Forecast(outcome, trend, limit, null, null, null, -1);
    }
}
