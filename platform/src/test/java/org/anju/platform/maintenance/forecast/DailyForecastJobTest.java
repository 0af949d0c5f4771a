package org.anju.platform.maintenance.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import org.anju.platform.testing.TestClock;

class DailyForecastJobTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void runsOnceADayAfterItsLocalTimeAcrossTheUtcDateLine() {
        // GIVEN 03:30 Shanghai = 19:30 UTC the day before; a pass that counts its runs
        TestClock clock = new TestClock(LocalDateTime.of(2028, 2, 28, 3, 0).atZone(SHANGHAI).toInstant());
        int[] runs = {0};
        DailyForecastJob job = new DailyForecastJob(() -> runs[0]++, LocalTime.of(3, 30), SHANGHAI, clock);

        assertThat(job.runIfDue()).as("03:00 local, before its time").isFalse();
        clock.set(LocalDateTime.of(2028, 2, 27, 19, 40).toInstant(ZoneOffset.UTC));
        assertThat(job.runIfDue()).as("03:40 local on 02-28").isTrue();
        clock.set(LocalDateTime.of(2028, 2, 28, 15, 0).toInstant(ZoneOffset.UTC));
        assertThat(job.runIfDue()).as("23:00 local, the same local day").isFalse();
        clock.set(LocalDateTime.of(2028, 2, 28, 20, 0).toInstant(ZoneOffset.UTC));
        assertThat(job.runIfDue()).as("04:00 local on the leap day 02-29").isTrue();
        assertThat(runs[0]).isEqualTo(2);
    }

}
