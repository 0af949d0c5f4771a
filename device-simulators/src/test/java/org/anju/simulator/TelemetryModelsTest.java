package org.anju.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.anju.protocol.DeviceMessage;
import org.anju.protocol.Endpoint;
import org.anju.protocol.catalogue.DeviceCatalogue;

class TelemetryModelsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant MIDNIGHT_CST = Instant.parse("2026-11-28T16:00:00Z");

    @ParameterizedTest
    @ValueSource(strings = {"camera", "elevator", "parcel_locker", "ev_charger", "smoke_detector", "fire_panel"})
    void everyReadingOfADayIsAValidCataloguePayload(String type) throws Exception {
        TelemetryModel model = TelemetryModel.forType(type, 1);
        DeviceCatalogue catalogue = DeviceCatalogue.standard();
        for (Instant t = MIDNIGHT_CST; t.isBefore(MIDNIGHT_CST.plus(Duration.ofDays(1))); t = t.plusSeconds(600)) {
            byte[] payload = JSON.writeValueAsBytes(model.next(t));
            DeviceMessage message = new DeviceMessage("acme", "dev-1", Endpoint.TELEMETRY, 1, payload, t);

            assertThat(catalogue.decode(type, message).points()).isNotEmpty();
        }
    }

    @Test
    void countersAndRegistersNeverGoDownOverADay() {
        TelemetryModel elevator = TelemetryModel.forType("elevator", 7);
        TelemetryModel charger = TelemetryModel.forType("ev_charger", 7);
        long trips = -1;
        long energy = -1;
        for (Instant t = MIDNIGHT_CST; t.isBefore(MIDNIGHT_CST.plus(Duration.ofDays(1))); t = t.plusSeconds(60)) {
            long nextTrips = ((Number) elevator.next(t).get("trips")).longValue();
            @SuppressWarnings("unchecked")
            Map<String, Object> meter = (Map<String, Object>) charger.next(t).get("meterValues");
            long nextEnergy = ((Number) meter.get("Energy.Active.Import.Register")).longValue();
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
