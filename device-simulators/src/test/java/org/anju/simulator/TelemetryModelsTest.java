package org.anju.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TelemetryModelsTest {

    private static final Instant MIDNIGHT_CST = Instant.parse("2026-11-28T16:00:00Z");

    @ParameterizedTest
    @ValueSource(strings = {"camera", "elevator", "parcel_locker", "ev_charger", "smoke_detector", "fire_panel"})
    void everyTypeProducesOnlyNumbersAndBooleans(String type) {
        Map<String, Object> reading = TelemetryModel.forType(type, 1).next(MIDNIGHT_CST);

        assertThat(reading).isNotEmpty();
        assertThat(reading.values()).allSatisfy(v -> assertThat(v).isInstanceOfAny(Number.class, Boolean.class));
    }

    @Test
    void countersAndRegistersNeverGoDownOverADay() {
        TelemetryModel elevator = TelemetryModel.forType("elevator", 7);
        TelemetryModel charger = TelemetryModel.forType("ev_charger", 7);
        long trips = -1;
        long energy = -1;
        for (Instant t = MIDNIGHT_CST; t.isBefore(MIDNIGHT_CST.plus(Duration.ofDays(1))); t = t.plusSeconds(60)) {
            long nextTrips = ((Number) elevator.next(t).get("trips")).longValue();
            long nextEnergy = ((Number) charger.next(t).get("energyWh")).longValue();
            assertThat(nextTrips).isGreaterThanOrEqualTo(trips);
            assertThat(nextEnergy).isGreaterThanOrEqualTo(energy);
            trips = nextTrips;
            energy = nextEnergy;
        }
        assertThat(trips).isPositive();
    }

    @Test
    void elevatorIsBusierAtMorningRushThanAtNight() {
        TelemetryModel night = TelemetryModel.forType("elevator", 3);
        TelemetryModel rush = TelemetryModel.forType("elevator", 3);
        Instant threeAm = MIDNIGHT_CST.plus(Duration.ofHours(3));
        Instant eightAm = MIDNIGHT_CST.plus(Duration.ofHours(8));
        long nightTrips = 0;
        long rushTrips = 0;
        for (int i = 0; i < 60; i++) {
            nightTrips = ((Number) night.next(threeAm.plusSeconds(i * 60L)).get("trips")).longValue();
            rushTrips = ((Number) rush.next(eightAm.plusSeconds(i * 60L)).get("trips")).longValue();
        }
        assertThat(rushTrips).isGreaterThan(nightTrips);
    }

    @Test
    void smokeDetectorBatteryNeverRises() {
        TelemetryModel detector = TelemetryModel.forType("smoke_detector", 11);
        double battery = Double.MAX_VALUE;
        for (int i = 0; i < 10_000; i++) {
            double next = ((Number) detector.next(MIDNIGHT_CST.plusSeconds(i * 600L)).get("battery")).doubleValue();
            assertThat(next).isLessThanOrEqualTo(battery).isBetween(0.0, 100.0);
            battery = next;
        }
    }

    @Test
    void unknownTypeIsRefused() {
        assertThatThrownBy(() -> TelemetryModel.forType("toaster", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("toaster");
    }
}
