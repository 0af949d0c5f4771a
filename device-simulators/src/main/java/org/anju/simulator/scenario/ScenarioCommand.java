package org.anju.simulator.scenario;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import org.anju.protocol.manifest.DeviceManifest;
import org.anju.simulator.community.PlatformOptions;
import org.anju.simulator.AnjuVersion;

/**
 * {@code ./anju simulate scenario <name|file>}: runs a scenario on a manifest's devices and
 * prints which expectations were met, missed or not checkable. Exit code 0 when none was
 * missed, 1 when one was, 2 for a bad scenario, manifest or option.
 */
@Command(name = "scenario", mixinStandardHelpOptions = true, versionProvider = AnjuVersion.class,
        description = "Runs a scenario (a shipped one by name, or a YAML file) and reports what the platform did.")
public final class ScenarioCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME|FILE", description = "e.g. fire-spreading, or my-scenario.yaml")
    String scenario;

    @Option(names = "--manifest", defaultValue = "data/community/devices.json",
            description = "The manifest of the generated community (default: ${DEFAULT-VALUE}).")
    Path manifest;

    @Option(names = "--mqtt", description = "Gateway URI (default: the manifest's).")
    String mqttUri;

    @Option(names = "--poll-seconds", defaultValue = "1", description = "How often the platform is asked (default: ${DEFAULT-VALUE}).")
    int pollSeconds;

    @Option(names = "--grace-seconds", defaultValue = "5",
            description = "How long past a deadline reactions stamped in time are still looked for (default: ${DEFAULT-VALUE}).")
    int graceSeconds;

    @Option(names = "--plan-only", description = "Print the timeline resolved on the manifest and stop.")
    boolean planOnly;

    @Mixin
    PlatformOptions platform;

    @Override
    public Integer call() throws Exception {
        Timeline timeline;
        DeviceManifest devices;
        try {
            devices = DeviceManifest.read(manifest);
            timeline = Timeline.plan(ScenarioLibrary.load(scenario), devices);
        } catch (ScenarioException | java.io.IOException e) {
            spec.commandLine().getErr().println("scenario: " + e.getMessage());
            return 2;
        }
        if (planOnly) {
            timeline.injections().forEach(i -> spec.commandLine().getOut().printf("+%-8s %-14s %s%n",
                    Durations.format(i.offset()), i.incident().kind().name().toLowerCase(java.util.Locale.ROOT),
                    i.deviceId()));
            spec.commandLine().getOut().flush();
            return 0;
        }
        FleetLauncher launcher = ServiceLoader.load(FleetLauncher.class).findFirst().orElse(null);
        if (launcher == null) {
            spec.commandLine().getErr().println("scenario: this build has no simulated devices that take incidents"
                    + " (no org.anju.simulator.scenario.FleetLauncher service)");
            return 2;
        }
        PlatformObservations observations = new PlatformObservations(platform.login());
        try (FleetLauncher.Fleet fleet = launcher.start(devices, mqttUri == null ? devices.mqttUri() : mqttUri)) {
            ScenarioReport report = new ScenarioRun(timeline, devices, fleet, observations,
                    Pacer.of(Clock.systemUTC()), Duration.ofSeconds(pollSeconds), Duration.ofSeconds(graceSeconds))
                    .execute();
            spec.commandLine().getOut().print(report.text());
            spec.commandLine().getOut().flush();
            return report.passed() ? 0 : 1;
        }
    }
}
