package org.anju.simulator.behaviour;

import static org.anju.simulator.behaviour.BehavioursTest.MONDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.anju.simulator.Json;
import org.anju.simulator.incident.Incident;
import org.anju.simulator.incident.IncidentKind;

/** Incidents forced by scenarios, and commands the platform sends, per device type. */
class IncidentsAndCommandsTest {

    private static final Instant NOON = MONDAY.plus(Duration.ofHours(12));

    private static Behaviour started(String type) {
        Behaviour behaviour = Recorder.behaviour(type, Map.of("falseAlarmsPerYear", "0", "faultsPerYear", "0",
                "entrapmentsPerYear", "0", "outagesPerMonth", "0", "tampersPerYear", "0", "powerCutsPerYear", "0",
                "doorFaultsPerYear", "0"));
        behaviour.step(NOON, new Recorder(type));
        return behaviour;
    }

    private static Incident incident(IncidentKind kind, Duration duration, Map<String, String> params) {
        return new Incident(kind, duration, params);
    }

    @Test
    void fireInADetectorAlarmsUntilTheIncidentEnds() {
        Behaviour detector = started("smoke_detector");
        Recorder recorder = new Recorder("smoke_detector");

        detector.inject(incident(IncidentKind.FIRE, Duration.ofMinutes(20), Map.of()), NOON, recorder);
        recorder.run(detector, NOON.plus(Duration.ofMinutes(10)), NOON.plus(Duration.ofMinutes(10)), Duration.ofMinutes(1));
        double smokeDuringFire = recorder.telemetry().getLast().number("smokeConcentration").doubleValue();
        recorder.run(detector, NOON.plus(Duration.ofMinutes(30)), NOON.plus(Duration.ofMinutes(30)), Duration.ofMinutes(1));

        assertThat(recorder.events("alarm")).hasSize(1);
        assertThat(smokeDuringFire).isGreaterThan(5);
        assertThat(recorder.events("alarm_cleared")).hasSize(1);
        assertThat(recorder.events("alarm_cleared").getFirst().ts()).isEqualTo(NOON.plus(Duration.ofMinutes(20)));
    }

    @Test
    void everyOtherDetectorIncident() {
        for (IncidentKind kind : new IncidentKind[] {IncidentKind.FALSE_ALARM, IncidentKind.LOW_BATTERY, IncidentKind.TAMPER,
                IncidentKind.FAULT}) {
            Behaviour detector = started("smoke_detector");
            Recorder recorder = new Recorder("smoke_detector");
            detector.inject(incident(kind, Duration.ZERO, Map.of()), NOON, recorder);
            String expected = switch (kind) {
                case FALSE_ALARM -> "alarm";
                case LOW_BATTERY -> "low_battery";
                case TAMPER -> "tamper";
                default -> "fault";
            };
            assertThat(recorder.events(expected)).as(kind.name()).hasSize(1);
        }
        assertThatThrownBy(() -> started("smoke_detector").inject(incident(IncidentKind.ENTRAPMENT, Duration.ZERO, Map.of()),
                NOON, new Recorder("smoke_detector"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ENTRAPMENT");
    }

    @Test
    void entrapmentLastsUntilResetAndResetWithoutAlarmIsAConflict() throws Exception {
        Behaviour elevator = started("elevator");
        Recorder recorder = new Recorder("elevator");

        elevator.inject(incident(IncidentKind.ENTRAPMENT, Duration.ZERO, Map.of()), NOON, recorder);
        recorder.run(elevator, NOON.plus(Duration.ofMinutes(5)), NOON.plus(Duration.ofMinutes(5)), Duration.ofMinutes(1));
        boolean trappedFlag = (Boolean) recorder.telemetry().getLast().payload().get("entrapment");
        CommandResult reset = elevator.command("reset-alarm", null, NOON.plus(Duration.ofMinutes(6)), recorder);
        CommandResult again = elevator.command("reset-alarm", null, NOON.plus(Duration.ofMinutes(7)), recorder);

        assertThat(recorder.events("entrapment")).hasSize(1);
        assertThat(trappedFlag).isTrue();
        assertThat(reset.status()).isEqualTo(200);
        assertThat(reset.payload()).containsEntry("released", true);
        assertThat(recorder.events("back_to_normal")).hasSize(1);
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void outageSilencesAnyDeviceForItsDuration() {
        for (String type : Behaviours.TYPES) {
            Behaviour behaviour = started(type);
            Recorder recorder = new Recorder(type);
            behaviour.inject(incident(IncidentKind.OUTAGE, Duration.ofHours(1), Map.of()), NOON, recorder);
            recorder.run(behaviour, NOON.plus(Duration.ofMinutes(10)), NOON.plus(Duration.ofMinutes(50)), Duration.ofMinutes(10));
            assertThat(recorder.emissions).as(type).isEmpty();
            recorder.run(behaviour, NOON.plus(Duration.ofMinutes(70)), NOON.plus(Duration.ofMinutes(70)), Duration.ofMinutes(10));
            assertThat(recorder.telemetry()).as(type).hasSize(1);
        }
    }

    @Test
    void firePanelFireLatchesUntilResetCommand() throws Exception {
        Behaviour panel = started("fire_panel");
        Recorder recorder = new Recorder("fire_panel");

        panel.inject(incident(IncidentKind.FIRE, Duration.ofHours(2), Map.of("loop", "2", "point", "17", "location", "3号楼 5层 走廊")),
                NOON, recorder);
        recorder.run(panel, NOON.plus(Duration.ofMinutes(5)), NOON.plus(Duration.ofMinutes(5)), Duration.ofMinutes(5));
        boolean alarmFlag = (Boolean) recorder.telemetry().getLast().payload().get("fireAlarm");
        CommandResult reset = panel.command("reset", Json.MAPPER.readTree("{\"operatorId\": \"07\"}"), NOON.plus(Duration.ofMinutes(6)), recorder);

        assertThat(recorder.events("fire_alarm")).singleElement()
                .satisfies(e -> assertThat(e.payload()).containsEntry("address", Map.of("loop", 2, "point", 17))
                        .containsEntry("location", "3号楼 5层 走廊"));
        assertThat(alarmFlag).isTrue();
        assertThat(reset.payload()).containsEntry("fireAlarmCleared", true);
        assertThat(recorder.events("fire_alarm_restored")).hasSize(1);
        assertThat(recorder.events("operation")).singleElement()
                .satisfies(e -> assertThat(e.payload()).containsEntry("operation", "reset").containsEntry("operatorId", "07"));
    }

    @Test
    void firePanelRelaysADetectorAlarmOfItsBuilding() {
        Behaviour panel = started("fire_panel");
        Recorder recorder = new Recorder("fire_panel");

        ((Relaying) panel).relay("det-5-2", 5, Map.of("kind", "alarm"), NOON, recorder);
        ((Relaying) panel).relay("det-5-2", 5, Map.of("kind", "heartbeat"), NOON, recorder);

        assertThat(recorder.events("fire_alarm")).singleElement()
                .satisfies(e -> assertThat((String) e.payload().get("location")).contains("5层").contains("det-5-2"));
    }

    @Test
    void lockerOpensCompartmentsAndPeakParcelsFillIt() throws Exception {
        Behaviour locker = started("parcel_locker");
        Recorder recorder = new Recorder("parcel_locker");
        Instant nineAm = MONDAY.plus(Duration.ofDays(1)).plus(Duration.ofHours(9));

        locker.inject(incident(IncidentKind.PEAK_PARCELS, Duration.ofDays(1), Map.of("factor", "6")), NOON, recorder);
        recorder.run(locker, nineAm, nineAm.plus(Duration.ofHours(2)), Duration.ofMinutes(5));
        String occupied = (String) recorder.events("deposit").getFirst().payload().get("compartment");
        boolean pickedUp = recorder.events("pickup").stream().anyMatch(p -> occupied.equals(p.payload().get("compartment")));
        Instant later = nineAm.plus(Duration.ofHours(2));
        CommandResult open = locker.command("open-compartment", Json.MAPPER.readTree("{\"compartment\": \"" + occupied + "\"}"), later, recorder);

        assertThat(recorder.events("deposit")).hasSizeGreaterThan(10);
        assertThat(open.status()).isEqualTo(200);
        assertThat(open.payload()).containsEntry("opened", occupied).containsEntry("parcel", !pickedUp);
        assertThat(locker.command("open-compartment", Json.MAPPER.readTree("{\"compartment\": \"Z99\"}"), later, recorder).status()).isEqualTo(404);
        assertThat(locker.command("open-compartment", Json.MAPPER.readTree("{}"), later, recorder).status()).isEqualTo(400);
        assertThat(recorder.telemetry().getLast().payload().get("compartments").toString()).contains(occupied + ", size");
    }

    @Test
    void chargerStopsASessionRemotelyAndFaultsOnDemand() throws Exception {
        Behaviour charger = started("ev_charger");
        Recorder recorder = new Recorder("ev_charger");
        Instant evening = MONDAY.plus(Duration.ofHours(18));

        assertThat(charger.command("stop-session", null, NOON, recorder).status()).isEqualTo(409);
        Instant t = NOON;
        while (recorder.events("session_started").isEmpty() && t.isBefore(evening.plus(Duration.ofDays(3)))) {
            t = t.plus(Duration.ofMinutes(1));
            charger.step(t, recorder);
        }
        CommandResult stop = charger.command("stop-session", null, t.plus(Duration.ofMinutes(1)), recorder);
        charger.inject(incident(IncidentKind.FAULT, Duration.ZERO, Map.of("errorCode", "OverVoltage")), t.plus(Duration.ofMinutes(2)), recorder);

        assertThat(stop.status()).isEqualTo(200);
        assertThat(recorder.events("session_stopped")).singleElement()
                .satisfies(e -> assertThat(e.payload()).containsEntry("reason", "Remote"));
        assertThat(recorder.events("status_notification").getLast().payload())
                .containsEntry("status", "Faulted").containsEntry("errorCode", "OverVoltage");
    }

    @Test
    void detectorSilenceCommandChecksItsPayload() throws Exception {
        Behaviour detector = started("smoke_detector");
        Recorder recorder = new Recorder("smoke_detector");

        CommandResult silenced = detector.command("silence", Json.MAPPER.readTree("{\"minutes\": 5}"), NOON, recorder);
        CommandResult tooLong = detector.command("silence", Json.MAPPER.readTree("{\"minutes\": 500}"), NOON, recorder);

        assertThat(silenced.payload()).containsEntry("silencedSeconds", 300);
        assertThat(recorder.events("silenced")).hasSize(1);
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.payload().get("error").toString()).contains("seconds");
    }

    @Test
    void camerasTamperAndFault() {
        Behaviour camera = started("camera");
        Recorder recorder = new Recorder("camera");

        camera.inject(incident(IncidentKind.TAMPER, Duration.ZERO, Map.of()), NOON, recorder);
        camera.inject(incident(IncidentKind.FAULT, Duration.ZERO, Map.of("alarm", "fan_fault")), NOON, recorder);

        assertThat(recorder.events("tamper")).hasSize(1);
        assertThat(recorder.events("fan_fault")).hasSize(1);
        assertThatThrownBy(() -> camera.inject(incident(IncidentKind.FAULT, Duration.ZERO, Map.of("alarm", "motion")), NOON, recorder))
                .hasMessageContaining("motion");
    }
}
