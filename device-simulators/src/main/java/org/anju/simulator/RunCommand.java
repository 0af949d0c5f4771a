package org.anju.simulator;

import org.anju.protocol.manifest.DeviceManifest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.anju.simulator.device.DeviceStates;
import org.anju.simulator.device.MqttVersion;

/**
 * {@code ./anju simulate run}: runs a community's devices from a manifest against a gateway until
 * Ctrl-C, printing a progress line; Ctrl-C disconnects every device cleanly and saves its state.
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = AnjuVersion.class,
        description = "Runs the devices of a manifest live until Ctrl-C (state kept in <manifest>.state.json).")
final class RunCommand implements Callable<Integer> {

    @Option(names = "--manifest", defaultValue = "data/demo/devices.json",
            description = "Device manifest (default: ${DEFAULT-VALUE}).")
    Path manifest;

    @Option(names = "--mqtt", description = "Gateway URI, e.g. tcp://127.0.0.1:1883 (default: the manifest's).")
    String mqttUri;

    @Option(names = "--mqtt-version", defaultValue = "5", description = "MQTT protocol: 5 or 3 (3.1.1) (default: ${DEFAULT-VALUE}).")
    String mqttVersion;

    @Option(names = "--interval-seconds",
            description = "Seconds between two steps of every device (default: each device type's own period).")
    Integer intervalSeconds;

    @Option(names = "--progress-seconds", defaultValue = "5", description = "Seconds between progress lines (default: ${DEFAULT-VALUE}).")
    int progressSeconds;

    @Option(names = "--connects-per-second", defaultValue = "500",
            description = "How fast devices connect at start; 0 for all at once (default: ${DEFAULT-VALUE}).")
    int connectsPerSecond;

    @Option(names = "--no-state", description = "Neither read nor write the state file next to the manifest.")
    boolean noState;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (intervalSeconds != null && intervalSeconds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--interval-seconds must be at least 1, got " + intervalSeconds);
        }
        if (progressSeconds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--progress-seconds must be at least 1, got " + progressSeconds);
        }
        if (connectsPerSecond < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--connects-per-second must not be negative, got " + connectsPerSecond);
        }
        MqttVersion version = parseVersion(spec, mqttVersion);
        DeviceManifest devices = DeviceManifest.read(manifest);
        CommunitySimulator simulator = CommunitySimulator.start(devices, new CommunitySimulator.Options(mqttUri, version,
                intervalSeconds == null ? null : Duration.ofSeconds(intervalSeconds),
                noState ? null : DeviceStates.nextTo(manifest), Clock.systemUTC(), connectsPerSecond));
        CountDownLatch stopped = new CountDownLatch(1);
        // Ctrl-C: the hook itself disconnects the devices and saves state, since the JVM ends when the hooks are done
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            System.out.println("\nsimulator stopped: " + simulator.stats());
            stopped.countDown();
        }, "anju-simulator-stop"));
        ProgressLine progress = new ProgressLine();
        while (!stopped.await(progressSeconds, TimeUnit.SECONDS)) {
            System.out.println(progress.next(simulator.stats(), simulator.size()));
        }
        return 0;
    }

    static MqttVersion parseVersion(CommandLine.Model.CommandSpec spec, String text) {
        return switch (text) {
            case "5", "5.0" -> MqttVersion.V5;
            case "3", "3.1.1" -> MqttVersion.V3;
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--mqtt-version must be 5 or 3, got '" + text + "'");
        };
    }
}
