package org.anju.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.anju.protocol.manifest.DeviceManifest;
import org.anju.simulator.community.CommunityPlan;
import org.anju.simulator.community.CommunityLayout;

/**
 * Target selection and spreading on the layout the community generator makes.
 */
class TimelineTest {

    // 4 buildings of 8 floors, 2 households a floor, 1 elevator and 1 camera a building, 4 chargers, 2 lockers
    private static final DeviceManifest MANIFEST = CommunityLayout.manifest(new CommunityPlan("acme", "elm", "Elm",
            1, 4, 8, 2, 1, 1, 1, 2, 4, 2, 0.5, "12h"), "tcp://127.0.0.1:1883", id -> "secret-of-" + id);

    @Test
    void selectsByBuildingFloorTypeAndNumber() {
        assertThat(ids(target("{building: 3, floor: 5, type: smoke_detector}")))
                .containsExactly("elm-b3-501-det", "elm-b3-502-det");
        assertThat(ids(target("{building: elm-b3, floor: 5}"))).containsExactly("elm-b3-501-det", "elm-b3-502-det");
        assertThat(ids(target("{elevator: 2}"))).containsExactly("elm-elevator-2");
        assertThat(ids(target("{charger: 4}"))).containsExactly("elm-charger-4");
        assertThat(ids(target("{panel: 3}"))).containsExactly("elm-b3-panel");
        assertThat(ids(target("{camera: 2}"))).containsExactly("elm-camera-2");
        assertThat(ids(target("{type: parcel_locker}"))).containsExactly("elm-locker-1", "elm-locker-2");
        assertThat(ids(target("{device: elm-gate-1}"))).containsExactly("elm-gate-1");
        assertThat(ids(target("{building: 1, type: elevator}"))).containsExactly("elm-elevator-1");
        assertThat(ids(target("{building: 13}"))).isEmpty();
    }

    @Test
    void fireSpreadsRingByRingToTheFloorsAboveAndBelowOfTheSameBuilding() {
        Timeline timeline = Timeline.plan(ScenarioParser.parse("fire.yaml", """
                name: fire
                description: spreading
                steps:
                  - at: 2m
                    incident: fire
                    target: {building: 3, floor: 7, type: smoke_detector}
                    spread: {to: neighbours, every: 1m, floors: 2}
                """), MANIFEST);
        assertThat(timeline.injections()).extracting(i -> "+" + Durations.format(i.offset()) + " " + i.deviceId()
                + " ring " + i.ring()).containsExactly(
                        "+2m elm-b3-701-det ring 0", "+2m elm-b3-702-det ring 0",
                        "+3m elm-b3-601-det ring 1", "+3m elm-b3-602-det ring 1",
                        "+3m elm-b3-801-det ring 1", "+3m elm-b3-802-det ring 1",
                        // floor 9 does not exist: ring 2 is floor 5 only
                        "+4m elm-b3-501-det ring 2", "+4m elm-b3-502-det ring 2");
        assertThat(timeline.length()).isEqualTo(Duration.ofMinutes(4));
    }

    @Test
    void everyShippedScenarioResolvesOnAGeneratedCommunity() {
        for (String file : ScenarioLibrary.files()) {
            Timeline timeline = Timeline.plan(ScenarioLibrary.shipped(file), MANIFEST);
            assertThat(timeline.injections()).as(file).isNotEmpty();
        }
    }

    @Test
    void aTargetThatSelectsNothingFailsAtItsLine() {
        assertThatThrownBy(() -> Timeline.plan(ScenarioParser.parse("lift.yaml", """
                name: lift
                description: no such lift
                steps:
                  - at: 1m
                    incident: entrapment
                    target: {elevator: 9}
                """), MANIFEST)).isInstanceOf(ScenarioException.class)
                .hasMessage("lift.yaml:6: 'elevator 9' selects no device of the manifest");
        assertThatThrownBy(() -> Timeline.plan(ScenarioParser.parse("cam.yaml", """
                name: cam
                description: expectation about a camera that is not there
                steps:
                  - at: 1m
                    incident: outage
                    target: {camera: 1}
                    expect:
                      - offline: {camera: 7}
                        within: 4m
                """), MANIFEST)).hasMessage("cam.yaml:8: 'camera 7' selects no device of the manifest");
    }

    private static TargetSelector target(String yaml) {
        return ScenarioParser.target("t.yaml", YamlNode.read("t.yaml", new java.io.StringReader(yaml)));
    }

    private static List<String> ids(TargetSelector selector) {
        return selector.select(MANIFEST).stream().map(DeviceManifest.Device::id).toList();
    }
}
