package org.anju.platform.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import org.anju.error.ClientError;

/** The rounding rule: per line, half up, to a whole fen. */
class FenTest {

    @Test
    void roundsHalfUpToAWholeFen() {
        assertThat(Fen.halfUp(new BigDecimal("12.5"))).isEqualTo(13);
        assertThat(Fen.halfUp(new BigDecimal("12.4999"))).isEqualTo(12);
        assertThat(Fen.halfUp(new BigDecimal("0.5"))).isEqualTo(1);
        assertThat(Fen.halfUp(new BigDecimal("7"))).isEqualTo(7);
    }

    @Test
    void multipliesARateByAQuantity() {
        // 1.85 CNY per m² per month × 89.37 m² = 16,533.45 fen → 16,533 fen
        assertThat(Fen.times(185, new BigDecimal("89.37"))).isEqualTo(16_533);
        // 0.55 CNY per kWh × 12.345 kWh = 678.975 fen → 679 fen
        assertThat(Fen.times(55, new BigDecimal("12.345"))).isEqualTo(679);
    }

    @Test
    void takesAShareRoundingTheExactQuotient() {
        // 30,000 fen for 11 of 30 days = 11,000 exactly
        assertThat(Fen.share(30_000, 11, 30)).isEqualTo(11_000);
        // 30,000 × 10 / 31 = 9,677.419… → 9,677
        assertThat(Fen.share(30_000, 10, 31)).isEqualTo(9_677);
        // 1 × 1 / 2 = 0.5 → 1 (half up); 1 × 1 / 3 = 0.333… → 0
        assertThat(Fen.share(1, 1, 2)).isEqualTo(1);
        assertThat(Fen.share(1, 1, 3)).isEqualTo(0);
        // 5 × 49 / 100 = 2.45 → 2: the digit after the first decimal never rounds twice
        assertThat(Fen.share(5, 49, 100)).isEqualTo(2);
    }

    @Test
    void parsesOnlyWholeNonNegativeFen() {
        assertThat(Fen.parse("rate", 150)).isEqualTo(150);
        assertThat(Fen.parse("rate", 0L)).isZero();
        assertThatThrownBy(() -> Fen.parse("rate", -1)).isInstanceOf(ClientError.class).hasMessageContaining("rate");
        assertThatThrownBy(() -> Fen.parse("rate", 1.5)).isInstanceOf(ClientError.class).hasMessageContaining("rate");
        assertThatThrownBy(() -> Fen.parse("rate", "150")).isInstanceOf(ClientError.class);
    }
}
