package org.anju.platform.fund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Deposits, shares and the replenishment threshold against hand-computed cases, and the
 * largest-remainder sharing against its invariant over random households.
 */
class FundMathTest {

    @Test
    void theFirstDepositIsRateTimesAreaRoundedHalfUpToTheFen() {
        // 50.00 CNY/m² × 89.37 m² = 4468.50 CNY
        assertThat(FundMath.firstDeposit(5_000, 8_937)).isEqualTo(446_850);
        // 33 fen/m² × 1.01 m² = 33.33 fen -> 33; × 1.52 m² = 50.16 fen -> 50; × 1.50 m² = 49.5 fen -> 50
        assertThat(FundMath.firstDeposit(33, 101)).isEqualTo(33);
        assertThat(FundMath.firstDeposit(33, 152)).isEqualTo(50);
        assertThat(FundMath.firstDeposit(33, 150)).isEqualTo(50);
        // exactly half a fen rounds up: 1 fen/m² × 0.50 m²
        assertThat(FundMath.firstDeposit(1, 50)).isEqualTo(1);
        assertThat(FundMath.firstDeposit(1, 49)).isZero();
    }

    @Test
    void anExpenseIsSharedByAreaAndTheLeftoverFenGoToTheLargestRemainders() {
        // 1000.00 CNY over 60, 90 and 150 m²: 200.00, 300.00, 500.00 exactly
        assertThat(FundMath.shareByArea(100_000, List.of(new AreaShare(1, 6_000), new AreaShare(2, 9_000),
                new AreaShare(3, 15_000)))).containsExactly(Map.entry(1L, 20_000L), Map.entry(2L, 30_000L),
                Map.entry(3L, 50_000L));
        // 1.00 CNY over 70, 80 and 90 m² (240): 29.17, 33.33, 37.5 fen -> floors 29, 33, 37 (99); the
        // 1 fen left goes to the largest remainder, 0.5 of household 3
        assertThat(FundMath.shareByArea(100, List.of(new AreaShare(1, 7_000), new AreaShare(2, 8_000),
                new AreaShare(3, 9_000)))).containsExactly(Map.entry(1L, 29L), Map.entry(2L, 33L), Map.entry(3L, 38L));
    }

    @Test
    void equalRemaindersGoToTheLargerAreaThenTheLowerHouseholdId() {
        // 2 fen over three equal households: one each to households 1 and 2, whatever the order given
        assertThat(FundMath.shareByArea(2, List.of(new AreaShare(3, 100), new AreaShare(1, 100),
                new AreaShare(2, 100)))).containsExactly(Map.entry(3L, 0L), Map.entry(1L, 1L), Map.entry(2L, 1L));
    }

    @Test
    void sharesAlwaysAddUpToTheExpenseAndDifferFromTheExactShareByLessThanAFen() {
        Random random = new Random(20261205);
        for (int run = 0; run < 2_000; run++) {
            List<AreaShare> households = new ArrayList<>();
            int n = 1 + random.nextInt(60);
            long total = 0;
            for (int i = 0; i < n; i++) {
                long area = 2_000 + random.nextInt(30_000);
                total += area;
                households.add(new AreaShare(i + 1, area));
            }
            long amount = random.nextLong(10_000_000_000L);
            Map<Long, Long> shares = FundMath.shareByArea(amount, households);

            assertThat(shares.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(amount);
            for (AreaShare h : households) {
                // |share × total − amount × area| < total, i.e. off by less than one fen
                long diff = Math.abs(shares.get(h.householdId()) * total - amount * h.areaCenti());
                assertThat(diff).isLessThan(total);
            }
        }
    }

    @Test
    void badSharingInputIsRefused() {
        assertThatThrownBy(() -> FundMath.shareByArea(-1, List.of(new AreaShare(1, 100))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FundMath.shareByArea(1, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FundMath.shareByArea(1, List.of(new AreaShare(1, 100), new AreaShare(1, 200))))
                .hasMessageContaining("twice");
    }

    @Test
    void theReplenishmentThresholdIsCrossedOnceBelowThirtyPercent() {
        long first = 100_000;
        // exactly 30 % is not below it
        assertThat(FundMath.belowThreshold(30_000, first, 30)).isFalse();
        assertThat(FundMath.belowThreshold(29_999, first, 30)).isTrue();
        assertThat(FundMath.crossedBelow(30_000, 29_999, first, 30)).isTrue();
        assertThat(FundMath.crossedBelow(29_999, 10_000, first, 30)).as("already below: no second notice").isFalse();
        assertThat(FundMath.crossedBelow(50_000, 30_000, first, 30)).isFalse();
    }
}
