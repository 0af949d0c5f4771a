package org.anju.platform.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.anju.platform.billing.LateFeeCalculation.Reduction;

/** Late fees against hand-computed cases: 10,000 fen at 5 bp a day is 5 fen a day. */
class LateFeeCalculationTest {

    private static final LocalDate JAN_1 = LocalDate.of(2027, 1, 1);
    private static final LocalDate FEB_1 = LocalDate.of(2027, 2, 1);
    private static final long NO_CAP = Long.MAX_VALUE;

    @Test
    void theDueDayItselfIsNotLate() {
        // due 31 Jan: no day of January is after it
        assertThat(fee(10_000, LocalDate.of(2027, 1, 31), List.of(), NO_CAP, 0)).isZero();
        // due 30 Jan: 31 Jan is one day late, 10,000 × 5 / 10,000 = 5
        assertThat(fee(10_000, LocalDate.of(2027, 1, 30), List.of(), NO_CAP, 0)).isEqualTo(5);
        // due 15 Jan: 16–31 Jan, 16 days × 5 = 80
        assertThat(fee(10_000, LocalDate.of(2027, 1, 15), List.of(), NO_CAP, 0)).isEqualTo(80);
        // due before the window: all 31 days, 155
        assertThat(fee(10_000, LocalDate.of(2026, 12, 15), List.of(), NO_CAP, 0)).isEqualTo(155);
    }

    @Test
    void aPartialPaymentMidPeriodLowersTheOpenAmountFromItsDay() {
        // 1–10 Jan: 10 × 10,000; from 11 Jan 6,000 open: 21 × 6,000; (100,000 + 126,000) × 5 / 10,000 = 113
        assertThat(fee(10_000, LocalDate.of(2026, 12, 31), List.of(new Reduction(LocalDate.of(2027, 1, 11), 4_000)),
                NO_CAP, 0)).isEqualTo(113);
    }

    @Test
    void theSumIsRoundedHalfUpOnce() {
        // 1,000 fen one day: 0.5 fen → 1; 999 fen one day: 0.4995 → 0
        assertThat(fee(1_000, LocalDate.of(2027, 1, 30), List.of(), NO_CAP, 0)).isEqualTo(1);
        assertThat(fee(999, LocalDate.of(2027, 1, 30), List.of(), NO_CAP, 0)).isZero();
        // 12,345 fen 31 days: 12,345 × 31 × 5 / 10,000 = 191.3475 → 191
        assertThat(fee(12_345, LocalDate.of(2026, 12, 31), List.of(), NO_CAP, 0)).isEqualTo(191);
    }

    @Test
    void theCapCountsTheFeesOfEarlierWindows() {
        // cap 100 (1 % of 10,000), 60 charged before: 155 this window becomes 40
        assertThat(fee(10_000, LocalDate.of(2026, 12, 15), List.of(), 100, 60)).isEqualTo(40);
        // the cap reached: nothing more
        assertThat(fee(10_000, LocalDate.of(2026, 12, 15), List.of(), 100, 100)).isZero();
    }

    @Test
    void paidBeforeTheDueDayOrInFullIsNoFee() {
        assertThat(fee(10_000, LocalDate.of(2027, 1, 15), List.of(new Reduction(LocalDate.of(2027, 1, 10), 10_000)),
                NO_CAP, 0)).isZero();
        // paid in full on 21 Jan, due 15 Jan: 16–20 Jan, 5 days × 5 = 25
        assertThat(fee(10_000, LocalDate.of(2027, 1, 15), List.of(new Reduction(LocalDate.of(2027, 1, 21), 10_000)),
                NO_CAP, 0)).isEqualTo(25);
    }

    private static long fee(long base, LocalDate dueOn, List<Reduction> reductions, long cap, long charged) {
        return LateFeeCalculation.feeFen(base, dueOn, reductions, JAN_1, FEB_1, 5, cap, charged);
    }
}
