package org.anju.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import org.anju.simulator.community.CommunityLayout;
import org.anju.simulator.community.CommunityPlan;

/**
 * The {@code ./anju simulate} subcommands of the generator and the scenarios, as the launcher runs them.
 */
class SimulateCommandsTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int simulate(String... args) {
        return new CommandLine(new SimulatorMain()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
    }

    @Test
    void listsTheShippedScenarios() {
        assertThat(simulate("scenarios")).isZero();
        assertThat(out.toString()).contains("fire-spreading", "elevator-entrapment", "camera-outage",
                "charger-ground-fault", "peak-parcel-day", "Fire in building 3 floor 5 at +2m");
    }

    @Test
    void printsAScenarioResolvedOnAManifest() throws IOException {
        Path manifest = dir.resolve("devices.json");
        CommunityLayout.manifest(CommunityPlan.defaults(), "tcp://127.0.0.1:1883", id -> "secret-" + id).write(manifest);
        assertThat(simulate("scenario", "fire-spreading", "--manifest", manifest.toString(), "--plan-only")).isZero();
        assertThat(out.toString()).contains("+2m       fire           sim-court-b3-501-det",
                "+2m       fire           sim-court-b3-panel", "+3m       fire           sim-court-b3-601-det",
                "+4m       fire           sim-court-b3-304-det");
    }

    @Test
    void aBadScenarioOrPlanExitsWithTwoAndSaysWhere() throws IOException {
        Path manifest = dir.resolve("devices.json");
        CommunityLayout.manifest(CommunityPlan.defaults(), "tcp://127.0.0.1:1883", id -> "secret-" + id).write(manifest);
        Path bad = Files.writeString(dir.resolve("bad.yaml"), """
                name: bad
                description: a lift that is not there
                steps:
                  - at: 1m
                    incident: entrapment
                    target: {elevator: 40}
                """);
        assertThat(simulate("scenario", bad.toString(), "--manifest", manifest.toString(), "--plan-only")).isEqualTo(2);
        assertThat(err.toString()).contains("bad.yaml:6: 'elevator 40' selects no device of the manifest");
        assertThat(simulate("generate", "--floors", "500", "--out", dir.resolve("x.json").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("generate: 'floors' is 500: expected 1 to 100");
    }
}
