package org.anju.platform.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResolutionPlannerTest {

    private static final Instant NOW = Instant.parse("2026-11-29T08:00:00Z");
    private static final Duration RAW_KEPT = Duration.ofDays(90);
    private static final Duration HOURLY_KEPT = Duration.ofDays(730);

    @ParameterizedTest(name = "{0} days ending {1} days ago with {2} points -> {3}")
    @CsvSource({
            // sparse short ranges are raw, dense ones hourly
            "1,     0,   144,  RAW",
            "1,     0,   2000, RAW",
            "1,     0,   2001, HOUR",
            "7,     0,   1008, RAW",
            "8,     0,   100,  HOUR",
            // raw rows older than the raw retention are gone
            "1,     99,  10,   HOUR",
            "92,    0,   0,    HOUR",
            "93,    0,   0,    DAY",
            // hourly rows older than the hourly retention are gone
            "30,    720, 0,    DAY",
            "1830,  0,   0,    DAY",
    })
    void picksTheFinestResolutionThatStaysUnderTheCap(long days, long endDaysAgo, long points, Resolution expected) {
        Instant to = NOW.minus(Duration.ofDays(endDaysAgo));
        Instant from = to.minus(Duration.ofDays(days));

        assertThat(ResolutionPlanner.plan(from, to, NOW, RAW_KEPT, HOURLY_KEPT, HistoryLimits.DEFAULTS,
                () -> points)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} days with raw up to {1} and hourly up to {2} days -> {3}")
    @CsvSource({
            "3,  2,  30,  HOUR",
            "3,  3,  30,  RAW",
            "31, 3,  30,  DAY",
            "31, 3,  31,  HOUR",
    })
    void eachResolutionHasTheConfiguredMaximum(long days, long rawMaxDays, long hourMaxDays, Resolution expected) {
        HistoryLimits limits = new HistoryLimits(Duration.ofDays(1), Duration.ofDays(rawMaxDays),
                Duration.ofDays(hourMaxDays), Duration.ofDays(1830));

        assertThat(ResolutionPlanner.plan(NOW.minus(Duration.ofDays(days)), NOW, NOW, RAW_KEPT, HOURLY_KEPT, limits,
                () -> 10)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"8", "100"})
    void countsRawPointsOnlyWhenRawIsPossible(long days) {
        AtomicInteger asked = new AtomicInteger();

        ResolutionPlanner.plan(NOW.minus(Duration.ofDays(days)), NOW, NOW, RAW_KEPT, HOURLY_KEPT,
                HistoryLimits.DEFAULTS, () -> {
            asked.incrementAndGet();
            return 0;
        });

        assertThat(asked).hasValue(0);
    }
}
