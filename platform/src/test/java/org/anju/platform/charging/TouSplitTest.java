package org.anju.platform.charging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TouSplitTest {

    private static final TouSplit SPLIT = new TouSplit(ZoneId.of("Asia/Shanghai"));
    // valley 00-08 and 22-24, flat 08-10 and 14-18, peak 10-12 and 18-22, sharp 12-14
    private static final List<Tier> DAY = day();
    private static final TouTariff A = new TouTariff("A", at("2026-01-01T00:00:00+08:00"), Map.of(
            Tier.VALLEY, rate("30", "40"), Tier.FLAT, rate("60", "40"), Tier.PEAK, rate("90", "40"),
            Tier.SHARP, rate("110.5", "40")), DAY);
    // from 2 December the valley's electricity rate drops to 20 fen
    private static final TouTariff B = new TouTariff("B", at("2026-12-02T00:00:00+08:00"), Map.of(
            Tier.VALLEY, rate("20", "40"), Tier.FLAT, rate("60", "40"), Tier.PEAK, rate("90", "40"),
            Tier.SHARP, rate("110.5", "40")), DAY);

    @Test
    void aSessionAcrossMidnightIsSplitAtTheTierBoundaryByInterpolation() {
        // 21:30 to 00:30: peak until 22:00, then valley across midnight; 20 kWh in all
        List<MeterReading> readings = List.of(reading("2026-11-30T21:30:00+08:00", 500_000),
                reading("2026-11-30T22:15:00+08:00", 505_000), reading("2026-11-30T23:45:00+08:00", 515_000),
                reading("2026-12-01T00:30:00+08:00", 520_000));

        List<TierLine> lines = SPLIT.split(at("2026-11-30T21:30:00+08:00"), at("2026-12-01T00:30:00+08:00"),
                readings, List.of(A, B));

        // at 22:00 the register is 500000 + 5000 × 30/45 = 503333.333 Wh
        assertThat(lines).containsExactly(
                line("A", Tier.PEAK, "3333.333", "130", 433), // 3.333333 kWh × 130 = 433.33
                line("A", Tier.VALLEY, "16666.667", "70", 1167)); // 16.666667 kWh × 70 = 1166.67
    }

    @Test
    void aSessionAcrossATariffChangeTakesTheTariffInForceAtEachSlot() {
        List<MeterReading> readings = List.of(reading("2026-12-01T21:30:00+08:00", 500_000),
                reading("2026-12-01T22:15:00+08:00", 505_000), reading("2026-12-01T23:45:00+08:00", 515_000),
                reading("2026-12-02T00:30:00+08:00", 520_000));

        List<TierLine> lines = SPLIT.split(at("2026-12-01T21:30:00+08:00"), at("2026-12-02T00:30:00+08:00"),
                readings, List.of(B, A));

        // at midnight the register is 515000 + 5000 × 15/45 = 516666.667 Wh
        assertThat(lines).containsExactly(
                line("A", Tier.PEAK, "3333.333", "130", 433),
                line("A", Tier.VALLEY, "13333.334", "70", 933), // 13.333334 kWh × 70 = 933.33
                line("B", Tier.VALLEY, "3333.333", "60", 200)); // 3.333333 kWh × 60 = 199.99998
        assertThat(lines.stream().map(TierLine::wh).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("20000");
    }

    @Test
    void withoutMeterValuesBetweenTheEnergyIsSpreadEvenlyOverTime() {
        // 11:00 to 13:00 (tariff B): one hour of peak, one of sharp, 9000 Wh with no reading between
        List<TierLine> lines = SPLIT.split(at("2026-12-03T11:00:00+08:00"), at("2026-12-03T13:00:00+08:00"),
                List.of(reading("2026-12-03T11:00:00+08:00", 0), reading("2026-12-03T13:00:00+08:00", 9_000)),
                List.of(A, B));

        assertThat(lines).containsExactly(
                line("B", Tier.PEAK, "4500.000", "130", 585), // 4.5 × 130
                line("B", Tier.SHARP, "4500.000", "150.5", 677)); // 4.5 × 150.5 = 677.25
    }

    @Test
    void eachLineIsRoundedHalfUpToWholeFen() {
        // 50 Wh of valley at 70 fen/kWh = 3.5 fen
        List<TierLine> lines = SPLIT.split(at("2026-12-03T02:00:00+08:00"), at("2026-12-03T02:10:00+08:00"),
                List.of(reading("2026-12-03T02:00:00+08:00", 1_000_000), reading("2026-12-03T02:10:00+08:00", 1_000_050)),
                List.of(B));

        assertThat(lines).containsExactly(line("B", Tier.VALLEY, "50.000", "60", 3)); // 0.05 × 60 = 3.0
        List<TierLine> beforeChange = SPLIT.split(at("2026-11-03T02:00:00+08:00"), at("2026-11-03T02:10:00+08:00"),
                List.of(reading("2026-11-03T02:00:00+08:00", 1_000_000), reading("2026-11-03T02:10:00+08:00", 1_000_050)),
                List.of(A, B));
        assertThat(beforeChange).containsExactly(line("A", Tier.VALLEY, "50.000", "70", 4)); // 3.5 → 4
    }

    @Test
    void aSessionStartingInsideASlotCountsFromItsStart() {
        // 09:50 to 10:20 (tariff B): 10 minutes of flat, 20 of peak, 3000 Wh evenly
        List<TierLine> lines = SPLIT.split(at("2026-12-03T09:50:00+08:00"), at("2026-12-03T10:20:00+08:00"),
                List.of(reading("2026-12-03T09:50:00+08:00", 0), reading("2026-12-03T10:20:00+08:00", 3_000)),
                List.of(A, B));

        assertThat(lines).containsExactly(line("B", Tier.FLAT, "1000.000", "100", 100),
                line("B", Tier.PEAK, "2000.000", "130", 260));
    }

    @Test
    void aMeterThatWentBackwardsIsRefused() {
        List<MeterReading> readings = List.of(reading("2026-12-03T10:00:00+08:00", 1_000),
                reading("2026-12-03T10:10:00+08:00", 1_200), reading("2026-12-03T10:20:00+08:00", 1_100),
                reading("2026-12-03T10:30:00+08:00", 1_300));

        assertThat(TouSplit.meterWentBackwards(readings)).isTrue();
        assertThat(TouSplit.meterWentBackwards(List.of(reading("2026-12-03T10:00:00+08:00", 5_000),
                reading("2026-12-03T10:30:00+08:00", 4_999)))).isTrue();
        assertThat(TouSplit.meterWentBackwards(List.of(reading("2026-12-03T10:00:00+08:00", 5_000),
                reading("2026-12-03T10:30:00+08:00", 5_000)))).isFalse();
        assertThatThrownBy(() -> SPLIT.split(at("2026-12-03T10:00:00+08:00"), at("2026-12-03T10:30:00+08:00"),
                readings, List.of(A))).hasMessageContaining("backwards");
    }

    @Test
    void aSlotWithoutTariffIsRefused() {
        assertThatThrownBy(() -> SPLIT.split(at("2025-12-31T23:30:00+08:00"), at("2026-01-01T00:30:00+08:00"),
                List.of(reading("2025-12-31T23:30:00+08:00", 0), reading("2026-01-01T00:30:00+08:00", 10)),
                List.of(A))).hasMessageContaining("no EV tariff in force");
    }

    @Test
    void aTariffMustHave48SlotsAndARateForEveryTierItUses() {
        assertThatThrownBy(() -> new TouTariff("x", Instant.EPOCH, Map.of(Tier.FLAT, rate("1", "1")),
                DAY.subList(0, 47))).hasMessageContaining("48 half-hour slots, got 47");
        assertThatThrownBy(() -> new TouTariff("x", Instant.EPOCH, Map.of(Tier.FLAT, rate("1", "1")), DAY))
                .hasMessageContaining("has no rate");
    }

    private static List<Tier> day() {
        List<Tier> slots = new ArrayList<>();
        for (int slot = 0; slot < TouTariff.SLOTS; slot++) {
            int hour = slot / 2;
            slots.add(hour < 8 || hour >= 22 ? Tier.VALLEY
                    : hour < 10 || (hour >= 14 && hour < 18) ? Tier.FLAT
                    : hour < 12 || hour >= 18 ? Tier.PEAK : Tier.SHARP);
        }
        return slots;
    }

    private static TouTariff.Rate rate(String electricity, String service) {
        return new TouTariff.Rate(new BigDecimal(electricity), new BigDecimal(service));
    }

    private static TierLine line(String tariff, Tier tier, String wh, String fenPerKwh, long cost) {
        return new TierLine(tariff, tier, new BigDecimal(wh), new BigDecimal(fenPerKwh), cost);
    }

    private static MeterReading reading(String ts, long wh) {
        return MeterReading.of(at(ts), wh);
    }

    private static Instant at(String ts) {
        return OffsetDateTime.parse(ts).toInstant();
    }
}
