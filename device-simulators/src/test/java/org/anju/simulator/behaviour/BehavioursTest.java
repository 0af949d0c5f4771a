package org.anju.simulator.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.anju.protocol.manifest.DeviceManifest;

/** Invariants every behaviour keeps, over simulated weeks that run in milliseconds. */
class BehavioursTest {

    /** Monday 2026-11-30 00:00 China time. */
    static final Instant MONDAY = Instant.parse("2026-11-29T16:00:00Z");

    @ParameterizedTest
    @ValueSource(strings = {"camera", "elevator", "smoke_detector", "fire_panel", "parcel_locker", "ev_charger"})
    void aWeekOfEveryTypeIsValidForTheCatalogue(String type) {
        Behaviour behaviour = Recorder.behaviour(type, Map.of());
        Recorder recorder = new Recorder(type).run(behaviour, MONDAY, MONDAY.plus(Duration.ofDays(7)), behaviour.period());

        assertThat(recorder.telemetry()).hasSizeGreaterThan(7 * 24);
    }

    @Test
    void theSameHistoryFollowsFromTheSameSeedAndTime() {
        Recorder first = new Recorder("elevator").run(Recorder.behaviour("elevator", Map.of()), MONDAY, MONDAY.plus(Duration.ofDays(1)), Duration.ofMinutes(1));
        Recorder second = new Recorder("elevator").run(Recorder.behaviour("elevator", Map.of()), MONDAY, MONDAY.plus(Duration.ofDays(1)), Duration.ofMinutes(1));

        assertThat(second.emissions).isEqualTo(first.emissions);
    }

    @ParameterizedTest
    @ValueSource(strings = {"camera", "elevator", "smoke_detector", "fire_panel", "parcel_locker", "ev_charger"})
    void aRestoredDeviceContinuesExactlyAsIfItHadNeverStopped(String type) {
        Instant restart = MONDAY.plus(Duration.ofDays(2));
        Instant end = MONDAY.plus(Duration.ofDays(4));
        Behaviour uninterrupted = Recorder.behaviour(type, Map.of());
        new Recorder(type).run(uninterrupted, MONDAY, restart, Duration.ofMinutes(10));
        Recorder expected = new Recorder(type).run(uninterrupted, restart.plus(Duration.ofMinutes(10)), end, Duration.ofMinutes(10));

        Behaviour beforeRestart = Recorder.behaviour(type, Map.of());
        new Recorder(type).run(beforeRestart, MONDAY, restart, Duration.ofMinutes(10));
        JsonNode saved = beforeRestart.saveState();
        Behaviour afterRestart = Recorder.behaviour(type, Map.of());
        afterRestart.restoreState(saved);
        Recorder continued = new Recorder(type).run(afterRestart, restart.plus(Duration.ofMinutes(10)), end, Duration.ofMinutes(10));

        assertThat(afterRestart.lastStep()).isEqualTo(end);
        assertThat(continued.emissions).isNotEmpty().isEqualTo(expected.emissions);
    }

    @Test
    void aStepAtOrBeforeTheLastOneDoesNothing() {
        Behaviour elevator = Recorder.behaviour("elevator", Map.of());
        Recorder recorder = new Recorder("elevator").run(elevator, MONDAY, MONDAY.plus(Duration.ofHours(1)), Duration.ofMinutes(1));
        int before = recorder.emissions.size();

        elevator.step(MONDAY, recorder);
        elevator.step(MONDAY.plus(Duration.ofHours(1)), recorder);

        assertThat(recorder.emissions).hasSize(before);
    }

    @Test
    void badAttributesAreRefusedNamingDeviceAttributeAndValue() {
        assertThatThrownBy(() -> Recorder.behaviour("elevator", Map.of("peakTripsPerHour", "many")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("elevator-1").hasMessageContaining("peakTripsPerHour").hasMessageContaining("many");
        assertThatThrownBy(() -> Recorder.behaviour("smoke_detector", Map.of("heartbeatInterval", "-3h")))
                .hasMessageContaining("heartbeatInterval");
        assertThatThrownBy(() -> Recorder.behaviour("camera", Map.of("gate", "north", "plates", "京A12345,XYZ")))
                .hasMessageContaining("plates").hasMessageContaining("XYZ");
        assertThatThrownBy(() -> Recorder.behaviour("camera", Map.of("gate", "north", "direction", "sideways")))
                .hasMessageContaining("direction");
        assertThatThrownBy(() -> Behaviours.create(new DeviceManifest.Device("t-1", "acme", "t-1", "pw", "toaster")))
                .hasMessageContaining("toaster").hasMessageContaining("t-1");
    }

    @Test
    void unknownCommandsAre404() {
        for (String type : Behaviours.TYPES) {
            Behaviour behaviour = Recorder.behaviour(type, Map.of());
            behaviour.step(MONDAY, new Recorder(type));
            assertThat(behaviour.command("self-destruct", null, MONDAY, new Recorder(type)).status()).as(type).isEqualTo(404);
        }
    }

    static long count(List<Recorder.Emission> emissions, int fromHour, int toHour) {
        return emissions.stream().filter(e -> {
            int hour = DailyProfile.hour(e.ts());
            return hour >= fromHour && hour < toHour;
        }).count();
    }
}
