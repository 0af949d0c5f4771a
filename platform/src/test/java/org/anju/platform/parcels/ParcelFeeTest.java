package org.anju.platform.parcels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The DOMAIN.md example: free 24 h, then 0.5 CNY per 12 h begun, capped at 3 CNY. */
class ParcelFeeTest {

    private static final Instant DEPOSIT = Instant.parse("2026-12-01T02:00:00Z");
    private static final Instant FREE_UNTIL = DEPOSIT.plus(Duration.ofHours(24));

    private static long fee(Duration stored) {
        return ParcelFee.feeFen(FREE_UNTIL, DEPOSIT.plus(stored), 12, 50, 300);
    }

    @Test
    void storageWithinTheFreePeriodCostsNothing() {
        assertThat(fee(Duration.ZERO)).isZero();
        assertThat(fee(Duration.ofHours(24))).isZero();
    }

    @Test
    void everyPeriodBegunIsChargedWhole() {
        assertThat(fee(Duration.ofHours(24).plusMillis(1))).isEqualTo(50);
        assertThat(fee(Duration.ofHours(36))).isEqualTo(50);
        assertThat(fee(Duration.ofHours(36).plusMinutes(1))).isEqualTo(100);
        assertThat(fee(Duration.ofHours(72))).isEqualTo(200);
    }

    @Test
    void theFeeStopsAtTheCap() {
        assertThat(fee(Duration.ofHours(84))).isEqualTo(250);
        assertThat(fee(Duration.ofHours(84).plusMillis(1))).isEqualTo(300);
        assertThat(fee(Duration.ofDays(4))).isEqualTo(300);
        assertThat(fee(Duration.ofDays(365 * 100))).isEqualTo(300);
    }

    @Test
    void aCapThatIsNotAMultipleOfTheFeeIsKept() {
        assertThat(ParcelFee.feeFen(FREE_UNTIL, FREE_UNTIL.plus(Duration.ofHours(30)), 12, 50, 120)).isEqualTo(120);
    }

    @Test
    void aZeroFeeOrAZeroCapChargesNothing() {
        assertThat(ParcelFee.feeFen(FREE_UNTIL, FREE_UNTIL.plus(Duration.ofDays(3)), 12, 0, 300)).isZero();
        assertThat(ParcelFee.feeFen(FREE_UNTIL, FREE_UNTIL.plus(Duration.ofDays(3)), 12, 50, 0)).isZero();
    }

    @Test
    void aPeriodShorterThanAnHourIsRefused() {
        assertThatThrownBy(() -> ParcelFee.feeFen(FREE_UNTIL, FREE_UNTIL, 0, 50, 300))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 h");
    }
}
