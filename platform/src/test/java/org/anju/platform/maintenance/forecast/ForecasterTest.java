package org.anju.platform.maintenance.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ForecasterTest {

    private static final LocalDate START = LocalDate.of(2026, 6, 1);

    private final Forecaster forecaster = new Forecaster(ForecastRules.DEFAULTS);

    @Test
    void findsAKnownFallingSlopeAndTheDayTheBatteryReachesItsFloor() {
        // GIVEN a battery falling 0.25 %/day from 60 % with noise of sd 0.5 over 120 days
        Series s = Series.linear(120, 60, -0.25, 0.5, new Random(7));
        LocalDate today = START.plusDays(119);

        // WHEN
        Forecast f = forecaster.daily(s.x, s.y, s.n, Limit.below(10), today);

        // THEN the slope is found within 5 %, and the true day (60 - 10) / 0.25 = day 200 lies in the interval
        assertThat(f.outcome()).isEqualTo(Forecast.Outcome.DUE);
        assertThat(f.trend().slope()).isCloseTo(-0.25, within(0.0125));
        assertThat(f.trend().slopeLow()).isLessThan(-0.25 + 0.0125);
        assertThat(f.trend().points()).isEqualTo(120);
        LocalDate truth = START.plusDays(200);
        assertThat(f.earliest()).isBeforeOrEqualTo(truth);
        assertThat(f.latest()).isAfterOrEqualTo(truth);
        assertThat(f.expected()).isBetween(truth.minusDays(5), truth.plusDays(5));
        assertThat(f.dueInDays()).isBetween(76, 86);
        assertThat(f.trend().confidence()).isGreaterThan(0.99);
    }

    @Test
    void findsARisingSlopeDespiteGapsNaNsAndOutliers() {
        // GIVEN a disk filling 1 GB/day from 500 GB, a third of the days missing, some NaNs and spikes
        Series s = Series.linear(150, 500, 1, 3, new Random(11));
        s.dropEveryThird();
        s.y[4] = Double.NaN;
        s.y[20] = Double.POSITIVE_INFINITY;
        s.y[30] = 5_000;
        s.y[60] = 0;

        Forecast f = forecaster.daily(s.x, s.y, s.n, Limit.above(2_000), START.plusDays(149));

        assertThat(f.trend().points()).isEqualTo(s.n - 2);
        assertThat(f.trend().slope()).isCloseTo(1, within(0.05));
        // the limit is ~1,350 days away: forecast, but beyond the horizon, so no work yet
        assertThat(f.outcome()).isEqualTo(Forecast.Outcome.BEYOND_HORIZON);
        assertThat(f.expected()).isBetween(START.plusDays(1_400), START.plusDays(1_600));
    }

    @Test
    void raisesNoFalseAlarmOnFlatNoisySeries() {
        // GIVEN 300 flat series (a battery holding at 50 % with sd 4 noise); the floor is 10 %
        int alarms = 0;
        for (int seed = 0; seed < 300; seed++) {
            Series s = Series.linear(180, 50, 0, 4, new Random(seed));
            if (forecaster.daily(s.x, s.y, s.n, Limit.below(10), START.plusDays(179)).due()) {
                alarms++;
            }
        }
        assertThat(alarms).isZero();
    }

    @Test
    void refusesATrendThatIsWithinTheNoise() {
        // GIVEN a slight fall buried in heavy noise
        Series s = Series.linear(30, 50, -0.05, 6, new Random(3));

        Forecast f = forecaster.daily(s.x, s.y, s.n, Limit.below(49), START.plusDays(29));

        assertThat(f.outcome()).isIn(Forecast.Outcome.NOT_SIGNIFICANT, Forecast.Outcome.TOO_NOISY);
        assertThat(f.expected()).isNull();
        assertThat(f.dueInDays()).isEqualTo(-1);
    }

    @Test
    void makesNoForecastFromTooFewPointsOrTooShortASpan() {
        Series nine = Series.linear(9, 50, -5, 0, new Random(1));
        assertThat(forecaster.daily(nine.x, nine.y, nine.n, Limit.below(10), START).outcome())
                .isEqualTo(Forecast.Outcome.TOO_FEW_POINTS);

        Series twelveDays = Series.linear(12, 50, -5, 0, new Random(1));
        assertThat(forecaster.daily(twelveDays.x, twelveDays.y, twelveDays.n, Limit.below(10), START).outcome())
                .isEqualTo(Forecast.Outcome.TOO_SHORT);

        // ten points, but two of them NaN: eight finite points are too few
        Series withNaNs = Series.linear(20, 50, -1, 0, new Random(1));
        for (int i = 0; i < 12; i++) {
            withNaNs.y[i] = Double.NaN;
        }
        assertThat(forecaster.daily(withNaNs.x, withNaNs.y, withNaNs.n, Limit.below(10), START).outcome())
                .isEqualTo(Forecast.Outcome.TOO_FEW_POINTS);

        assertThat(forecaster.daily(new double[0], new double[0], 0, Limit.below(10), START).trend()).isNull();
    }

    @Test
    void saysDueTodayWhenTheLimitIsAlreadyReachedAndAwayWhenTheTrendImproves() {
        Series past = Series.linear(30, 15, -0.5, 0.1, new Random(5));
        Forecast f = forecaster.daily(past.x, past.y, past.n, Limit.below(10), START.plusDays(40));
        assertThat(f.outcome()).isEqualTo(Forecast.Outcome.DUE);
        assertThat(f.dueInDays()).isZero();
        assertThat(f.expected()).isEqualTo(START.plusDays(40));

        Series charging = Series.linear(30, 20, 0.5, 0.1, new Random(5));
        assertThat(forecaster.daily(charging.x, charging.y, charging.n, Limit.below(10), START).outcome())
                .isEqualTo(Forecast.Outcome.MOVING_AWAY);
    }

    @Test
    void forecastsRisingDoorFaultsFromWeeklyCounts() {
        double[] weeks = weekStarts(8);
        double[] rising = {0, 1, 1, 2, 3, 3, 4, 5};
        Forecast f = forecaster.weeklyFaults(weeks, rising, 8, 6, START.plusDays(7 * 8));
        assertThat(f.outcome()).isEqualTo(Forecast.Outcome.DUE);
        assertThat(f.trend().slope() * 7).isCloseTo(0.7, within(0.1));
        assertThat(f.expected()).isBetween(START.plusDays(7 * 8), START.plusDays(7 * 10));

        double[] steady = {2, 1, 3, 2, 2, 1, 3, 2};
        assertThat(forecaster.weeklyFaults(weeks, steady, 8, 6, START).outcome())
                .isEqualTo(Forecast.Outcome.NOT_SIGNIFICANT);

        double[] oneLateFault = {0, 0, 0, 0, 0, 0, 0, 1};
        assertThat(forecaster.weeklyFaults(weeks, oneLateFault, 8, 6, START).due()).isFalse();

        assertThat(forecaster.weeklyFaults(weeks, rising, 4, 6, START).outcome())
                .isEqualTo(Forecast.Outcome.TOO_FEW_POINTS);
    }

    @Test
    void rejectsBadRulesNamingTheSetting() {
        assertThatThrownBy(() -> new ForecastRules(2, 14, 5, 8, 180, 0.95, 1, 90))
                .hasMessageContaining("maintenance.forecast.minDailyPoints").hasMessageContaining(": 2");
        assertThatThrownBy(() -> new ForecastRules(10, 14, 5, 8, 180, 1.0, 1, 90))
                .hasMessageContaining("maintenance.forecast.confidenceLevel");
        assertThatThrownBy(() -> new ForecastRules(10, 14, 5, 4, 180, 0.95, 1, 90))
                .hasMessageContaining("maintenance.forecast.faultWeeks");
    }

    private static double[] weekStarts(int weeks) {
        double[] x = new double[weeks];
        for (int i = 0; i < weeks; i++) {
            x[i] = START.plusDays(7L * i).toEpochDay();
        }
        return x;
    }

    /** A daily series {@code level + slope * day + N(0, sd)} starting at {@link #START}. */
    private static final class Series {
        double[] x;
        double[] y;
        int n;

        static Series linear(int days, double level, double slope, double sd, Random random) {
            Series s = new Series();
            s.x = new double[days];
            s.y = new double[days];
            s.n = days;
            for (int d = 0; d < days; d++) {
                s.x[d] = START.plusDays(d).toEpochDay();
                s.y[d] = level + slope * d + sd * random.nextGaussian();
            }
            return s;
        }

        void dropEveryThird() {
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (i % 3 != 2) {
                    x[m] = x[i];
                    y[m++] = y[i];
                }
            }
            n = m;
        }
    }
}
