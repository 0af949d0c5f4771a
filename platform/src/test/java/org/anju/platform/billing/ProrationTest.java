package org.anju.platform.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** Proration by days against hand-computed cases: month ends, leap years, quarters, refunds. */
class ProrationTest {

    private static LocalDate d(String text) {
        return LocalDate.parse(text);
    }

    @Test
    void aWholePeriodIsTheWholeAmount() {
        assertThat(Proration.usedFen(30_000, d("2027-01-01"), d("2027-02-01"), d("2026-12-15"), d("2027-03-01")))
                .isEqualTo(30_000);
    }

    @Test
    void aMonthStartedLateIsChargedByItsDays() {
        // January has 31 days; from the 20th: 12 days; 30,000 × 12 / 31 = 11,612.90 → 11,613
        assertThat(Proration.usedFen(30_000, d("2027-01-01"), d("2027-02-01"), d("2027-01-20"), d("2027-02-01")))
                .isEqualTo(11_613);
    }

    @Test
    void februaryHas28DaysAndInALeapYear29() {
        // 2027: 14 of 28 days = exactly half
        assertThat(Proration.usedFen(30_001, d("2027-02-01"), d("2027-03-01"), d("2027-02-15"), d("2027-03-01")))
                .isEqualTo(15_001); // 15,000.5 → 15,001 (half up)
        // 2028 is a leap year: 14 of 29 days; 30,000 × 14 / 29 = 14,482.76 → 14,483
        assertThat(Proration.usedFen(30_000, d("2028-02-01"), d("2028-03-01"), d("2028-02-16"), d("2028-03-01")))
                .isEqualTo(14_483);
    }

    @Test
    void aQuarterAcrossTheYearEndCountsItsCalendarDays() {
        // 2027-12-01 to 2028-03-01 is 31 + 31 + 29 = 91 days; used until 2028-01-10: 40 days
        // 90,000 × 40 / 91 = 39,560.44 → 39,560
        assertThat(Proration.usedFen(90_000, d("2027-12-01"), d("2028-03-01"), d("2027-12-01"), d("2028-01-10")))
                .isEqualTo(39_560);
    }

    @Test
    void aTerminationRefundsTheUnusedDaysSoThatBothAddUp() {
        // a month of 30 days (April) ended on the 11th: 10 days used = 10,000; 20,000 back
        assertThat(Proration.refundFen(30_000, d("2027-04-01"), d("2027-05-01"), d("2027-04-11"))).isEqualTo(20_000);
        // 31 days, ended on the 11th: used 30,000 × 10 / 31 = 9,677.42 → 9,677; back 20,323
        assertThat(Proration.refundFen(30_000, d("2027-03-01"), d("2027-04-01"), d("2027-03-11"))).isEqualTo(20_323);
    }

    @Test
    void periodsAreCountedFromTheFirstSoMonthEndsDoNotDrift() {
        LocalDate first = d("2027-01-31");
        assertThat(Proration.periodStart(first, Term.MONTHLY, 1)).isEqualTo(d("2027-02-28"));
        assertThat(Proration.periodStart(first, Term.MONTHLY, 2)).isEqualTo(d("2027-03-31"));
        assertThat(Proration.periodStart(d("2027-11-30"), Term.QUARTERLY, 1)).isEqualTo(d("2028-02-29"));
        assertThat(Proration.periodStart(d("2028-02-29"), Term.YEARLY, 1)).isEqualTo(d("2029-02-28"));
    }
}
