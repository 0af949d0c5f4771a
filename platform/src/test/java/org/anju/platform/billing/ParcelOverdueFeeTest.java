package org.anju.platform.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** {@link Tariff.ParcelOverdue#feeFen}: DOMAIN.md's example, free 24 h, then 0.5 CNY per 12 h begun, capped at 3 CNY. */
class ParcelOverdueFeeTest {

    private static final Tariff.ParcelOverdue DOMAIN = new Tariff.ParcelOverdue(24, 12, 50, 300);

    @Test
    void storageWithinTheFreePeriodCostsNothing() {
        assertThat(DOMAIN.feeFen(Duration.ZERO)).isZero();
        assertThat(DOMAIN.feeFen(Duration.ofHours(24))).isZero();
    }

    @Test
    void everyPeriodBegunIsChargedWhole() {
        assertThat(DOMAIN.feeFen(Duration.ofHours(24).plusMillis(1))).isEqualTo(50);
        assertThat(DOMAIN.feeFen(Duration.ofHours(36))).isEqualTo(50);
        assertThat(DOMAIN.feeFen(Duration.ofHours(36).plusMinutes(1))).isEqualTo(100);
        assertThat(DOMAIN.feeFen(Duration.ofHours(72))).isEqualTo(200);
    }

    @Test
    void theFeeStopsAtTheCap() {
        assertThat(DOMAIN.feeFen(Duration.ofHours(84))).isEqualTo(250);
        assertThat(DOMAIN.feeFen(Duration.ofHours(84).plusMillis(1))).isEqualTo(300);
        assertThat(DOMAIN.feeFen(Duration.ofDays(4))).isEqualTo(300);
        assertThat(DOMAIN.feeFen(Duration.ofDays(365 * 100))).isEqualTo(300);
    }

    @Test
    void aCapThatIsNotAMultipleOfTheFeeIsKept() {
        assertThat(new Tariff.ParcelOverdue(24, 12, 50, 120).feeFen(Duration.ofHours(54))).isEqualTo(120);
    }

    @Test
    void aZeroFeeOrAZeroCapOrNoFreeTimeAtAll() {
        assertThat(new Tariff.ParcelOverdue(24, 12, 0, 300).feeFen(Duration.ofDays(3))).isZero();
        assertThat(new Tariff.ParcelOverdue(24, 12, 50, 0).feeFen(Duration.ofDays(3))).isZero();
        assertThat(new Tariff.ParcelOverdue(0, 1, 10, 1000).feeFen(Duration.ofMinutes(1))).isEqualTo(10);
    }
}
