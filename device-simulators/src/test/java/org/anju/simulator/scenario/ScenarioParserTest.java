package org.anju.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.anju.simulator.incident.IncidentKind;

class ScenarioParserTest {

    private static final String GOOD = """
            name: small-fire
            description: A fire.
            steps:
              - at: +2m
                incident: fire
                target: {building: 3, floor: 5, type: smoke_detector}
                duration: 10m
                spread: {to: neighbours, every: 1m, floors: 2}
                expect:
                  - event: alarm
                    within: 10s
                  - alert: fire_alarm
                    severity: critical
                    within: 5s
                  - offline: {camera: 2}
                    within: 4m
            """;

    @Test
    void everyShippedScenarioParsesAndTheIndexListsEveryFile() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/scenarios"))) {
            assertThat(ScenarioLibrary.files()).containsExactlyInAnyOrderElementsOf(
                    files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".yaml")).toList());
        }
        for (String file : ScenarioLibrary.files()) {
            Scenario s = ScenarioLibrary.shipped(file);
            assertThat(s.name() + ".yaml").isEqualTo(file);
            assertThat(s.expectationCount()).as(file).isPositive();
        }
        assertThat(ScenarioLibrary.load("fire-spreading").steps().getFirst().spread())
                .isEqualTo(new Step.Spread(Duration.ofMinutes(1), 2));
    }

    @Test
    void theDoorWearScenarioExpectsAForecastAndAWorkOrder() {
        Step step = ScenarioLibrary.load("elevator-door-wear").steps().getFirst();

        assertThat(step.kind()).isEqualTo(IncidentKind.DOOR_WEAR);
        assertThat(step.params()).containsEntry("faultsPer10kCycles", "10");
        assertThat(step.expect()).hasSize(3);
        assertThat(step.expect().get(1)).isInstanceOfSatisfying(Expectation.Forecast.class, f -> {
            assertThat(f.subject()).isEqualTo("door_faults");
            assertThat(f.within()).isEqualTo(Duration.ofDays(7));
        });
        assertThat(step.expect().get(2)).isInstanceOfSatisfying(Expectation.WorkOrder.class,
                w -> assertThat(w.source()).isEqualTo("forecast"));
        assertThat(step.expect().get(2).toString()).startsWith("work order from forecast for ");
        assertThatThrownBy(() -> ScenarioParser.parse("bad.yaml", """
                name: bad
                description: a forecast with a severity
                steps:
                  - at: 0s
                    incident: door_wear
                    target: {elevator: 1}
                    expect:
                      - forecast: door_faults
                        severity: major
                        within: 24h
                """)).hasMessageContaining("severity");
    }

    @Test
    void readsStepsTargetsAndExpectations() {
        Scenario s = ScenarioParser.parse("small.yaml", GOOD);
        Step step = s.steps().getFirst();
        assertThat(step.at()).isEqualTo(Duration.ofMinutes(2));
        assertThat(step.kind()).isEqualTo(IncidentKind.FIRE);
        assertThat(step.target().toString()).isEqualTo("building 3 floor 5 smoke_detector");
        assertThat(step.duration()).isEqualTo(Duration.ofMinutes(10));
        assertThat(step.expect()).hasSize(3);
        assertThat(step.expect().get(0)).isEqualTo(new Expectation.Event("alarm", step.target(), Duration.ofSeconds(10), 10));
        assertThat(step.expect().get(1).toString()).isEqualTo(
                "alert fire_alarm critical from building 3 floor 5 smoke_detector within 5s");
        assertThat(step.expect().get(2).toString()).isEqualTo("device offline camera 2 within 4m");
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("unknown key in a step", GOOD.replace("    duration: 10m", "    durration: 10m"), 7,
                        "unknown key 'durration' in a step"),
                Arguments.of("bad duration", GOOD.replace("within: 10s", "within: 10 seconds"), 11,
                        "within '10 seconds' is not a duration"),
                Arguments.of("unknown incident", GOOD.replace("incident: fire", "incident: flood"), 5,
                        "unknown incident 'flood' (known: fire, false_alarm, entrapment"),
                Arguments.of("unknown device type", GOOD.replace("type: smoke_detector", "type: smoke_alarm"), 6,
                        "unknown device type 'smoke_alarm'"),
                Arguments.of("unknown target key", GOOD.replace("{camera: 2}", "{kamera: 2}"), 15,
                        "unknown key 'kamera' in a target"),
                Arguments.of("unknown severity", GOOD.replace("severity: critical", "severity: extreme"), 13,
                        "unknown severity 'extreme'"),
                Arguments.of("two kinds in one expectation", GOOD.replace("- event: alarm", "- event: alarm\n        alert: x"),
                        10, "names exactly one of: event, offline, online, alert"),
                Arguments.of("repeated key", GOOD.replace("    duration: 10m", "    duration: 10m\n    duration: 5m"), 8,
                        "'duration' appears twice"),
                Arguments.of("not YAML", GOOD.replace("    expect:", "    expect: [unclosed"), 10,
                        "not valid YAML: while parsing a flow sequence\n in 'reader', line 9, column 13"),
                Arguments.of("floor not a number", GOOD.replace("floor: 5", "floor: fifth"), 6,
                        "floor must be a whole number, not 'fifth'"),
                Arguments.of("spread elsewhere", GOOD.replace("to: neighbours", "to: everywhere"), 8,
                        "spread 'to' must be 'neighbours'"),
                Arguments.of("missing target", GOOD.replace("    target: {building: 3, floor: 5, type: smoke_detector}\n", ""),
                        4, "a step needs 'target'"),
                Arguments.of("steps out of order", GOOD + """
                          - at: 1m
                            incident: outage
                            target: {camera: 1}
                        """, 17, "steps must be in time order: +1m comes after +2m"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void aMistakeIsReportedAtItsLine(String what, String yaml, int line, String message) {
        assertThatThrownBy(() -> ScenarioParser.parse("bad.yaml", yaml))
                .isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith("bad.yaml:" + line + ": ")
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((ScenarioException) e).line()).isEqualTo(line));
    }

    @Test
    void anUnknownScenarioNameListsTheShippedOnes() {
        assertThatThrownBy(() -> ScenarioLibrary.load("tornado"))
                .hasMessageContaining("tornado: is neither a file nor a shipped scenario")
                .hasMessageContaining("fire-spreading");
    }

    @Test
    void durations() {
        assertThat(Durations.parse("1h30m")).contains(Duration.ofMinutes(90));
        assertThat(Durations.parse("+2m")).contains(Duration.ofMinutes(2));
        assertThat(Durations.parse("500ms")).contains(Duration.ofMillis(500));
        assertThat(Durations.parse("0")).contains(Duration.ZERO);
        assertThat(Durations.parse("2 m")).isEmpty();
        assertThat(Durations.parse("m")).isEmpty();
        assertThat(Durations.parse("")).isEmpty();
        assertThat(Durations.format(Duration.ofSeconds(70))).isEqualTo("1m10s");
        assertThat(Durations.format(Duration.ofMillis(1234))).isEqualTo("1.2s");
    }
}
