package org.anju.platform.storage.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

/** The local day of a bucket as the database sends it (binary timestamptz), without the database. */
class DailySeriesTest {

    private static final long PG_EPOCH_SECOND = LocalDate.of(2000, 1, 1).atStartOfDay(ZoneId.of("UTC")).toEpochSecond();

    @Test
    void aBucketAtLocalMidnightIsThatLocalDay() {
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        LocalDate day = LocalDate.of(2026, 6, 1);
        // local midnight is 16:00 UTC the day before: the UTC date would be one day early
        assertEquals(day.toEpochDay(), DailySeries.localEpochDay(pgMicros(day, shanghai), shanghai.getRules()));
    }

    @Test
    void theDaysAroundDaylightSavingChangesKeepTheirDates() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        for (LocalDate day = LocalDate.of(2026, 3, 27); day.isBefore(LocalDate.of(2026, 3, 31)); day = day.plusDays(1)) {
            assertEquals(day.toEpochDay(), DailySeries.localEpochDay(pgMicros(day, berlin), berlin.getRules()));
        }
        for (LocalDate day = LocalDate.of(2026, 10, 23); day.isBefore(LocalDate.of(2026, 10, 27)); day = day.plusDays(1)) {
            assertEquals(day.toEpochDay(), DailySeries.localEpochDay(pgMicros(day, berlin), berlin.getRules()));
        }
    }

    @Test
    void aDayBeforeTheDatabaseEpochIsNotRoundedTowardsIt() {
        ZoneId utc = ZoneId.of("UTC");
        LocalDate day = LocalDate.of(1999, 12, 31);
        assertEquals(day.toEpochDay(), DailySeries.localEpochDay(pgMicros(day, utc), utc.getRules()));
    }

    private static long pgMicros(LocalDate day, ZoneId zone) {
        return (day.atStartOfDay(zone).toEpochSecond() - PG_EPOCH_SECOND) * 1_000_000L;
    }
}
