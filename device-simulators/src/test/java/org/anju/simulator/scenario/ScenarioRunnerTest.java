package org.anju.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.anju.protocol.manifest.DeviceManifest;
import org.anju.simulator.community.CommunityLayout;
import org.anju.simulator.community.CommunityPlan;
import org.anju.simulator.incident.Incident;
import org.anju.simulator.incident.IncidentKind;
import org.anju.simulator.incident.IncidentTarget;

/**
 * The runner's contract: each incident reaches its device when its time from the start has come,
 * measured on a clock the test controls (waiting moves it; nothing sleeps).
 */
class ScenarioRunnerTest {

    private static final Instant START = Instant.parse("2026-11-29T08:00:00Z");
    private static final DeviceManifest MANIFEST = CommunityLayout.manifest(new CommunityPlan("acme", "elm", "Elm",
            1, 3, 6, 1, 1, 2, 2, 1, 4, 1, 0, "12h"), "tcp://127.0.0.1:1883", id -> "secret-of-" + id);

    /** A clock that jumps to whatever moment the runner waits for, and remembers the waits. */
    private static final class SteppedPacer implements Pacer {
        Instant now = START;
        final List<Instant> waits = new ArrayList<>();

        @Override
        public Instant now() {
            return now;
        }

        @Override
        public void waitUntil(Instant moment) {
            waits.add(moment);
            if (moment.isAfter(now)) {
                now = moment;
            }
        }
    }

    /** Records what it is told to inject and when; refuses entrapments in anything but elevators. */
    private static final class RecordingTarget implements IncidentTarget {
        final SteppedPacer pacer;
        final List<String> log = new ArrayList<>();

        RecordingTarget(SteppedPacer pacer) {
            this.pacer = pacer;
        }

        @Override
        public void inject(String deviceId, Incident incident) {
            if (incident.kind() == IncidentKind.ENTRAPMENT && !deviceId.contains("elevator")) {
                throw new IllegalArgumentException(deviceId + " is not an elevator");
            }
            log.add("+" + Durations.format(Duration.between(START, pacer.now())) + " " + deviceId + " "
                    + incident.kind() + " for " + Durations.format(incident.duration()) + " " + incident.params());
        }
    }

    @Test
    void injectsEachIncidentAtItsTimeFromTheStart() throws InterruptedException {
        Scenario scenario = ScenarioParser.parse("day.yaml", """
                name: day
                description: a busy day
                steps:
                  - at: 30s
                    incident: outage
                    target: {camera: 2}
                    duration: 10m
                  - at: 2m
                    incident: fire
                    target: {building: 2, floor: 3, type: smoke_detector}
                    duration: 5m
                    spread: {to: neighbours, every: 45s}
                  - at: 2m
                    incident: fault
                    target: {charger: 4}
                    params: {errorCode: GroundFailure}
                  - at: 1h
                    incident: entrapment
                    target: {building: 3}
                """);
        SteppedPacer pacer = new SteppedPacer();
        RecordingTarget target = new RecordingTarget(pacer);
        Map<Integer, Instant> stepStarts = new LinkedHashMap<>();

        List<ScenarioRunner.Injected> injected = new ScenarioRunner(target, pacer)
                .play(Timeline.plan(scenario, MANIFEST), stepStarts::put);

        assertThat(target.log).containsExactly(
                "+30s elm-camera-2 OUTAGE for 10m {}",
                "+2m elm-b2-301-det FIRE for 5m {}",
                "+2m elm-charger-4 FAULT for 0s {errorCode=GroundFailure}",
                "+2m45s elm-b2-201-det FIRE for 5m {}",
                "+2m45s elm-b2-401-det FIRE for 5m {}",
                "+1h elm-elevator-5 ENTRAPMENT for 0s {}",
                "+1h elm-elevator-6 ENTRAPMENT for 0s {}");
        assertThat(stepStarts).containsExactly(Map.entry(0, START.plusSeconds(30)), Map.entry(1, START.plusSeconds(120)),
                Map.entry(2, START.plusSeconds(120)), Map.entry(3, START.plusSeconds(3600)));
        // building 3's other devices refused the entrapment: recorded, and the run went on
        assertThat(injected.stream().filter(i -> i.error() != null).map(i -> i.injection().deviceId()))
                .contains("elm-b3-panel", "elm-b3-101-det", "elm-camera-5");
        assertThat(injected.stream().filter(i -> i.error() != null).findFirst().orElseThrow().error())
                .isEqualTo("elm-b3-panel is not an elevator");
        assertThat(pacer.waits).first().isEqualTo(START.plusSeconds(30));
        assertThat(pacer.now).isEqualTo(START.plusSeconds(3600));
    }
}
