package org.anju.simulator;

import org.anju.protocol.manifest.DeviceManifest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.anju.simulator.device.DeviceStates;
import org.anju.simulator.history.Backfill;

/**
 * {@code ./anju simulate backfill}: generates the past days of a community's devices through the
 * device API with back-dated timestamps, then prints the rate achieved.
 */
@Command(name = "backfill", mixinStandardHelpOptions = true, versionProvider = AnjuVersion.class,
        description = "Publishes N past days of every device's behaviour with back-dated ts, as fast as the gateway acknowledges.")
final class BackfillCommand implements Callable<Integer> {

    @Option(names = "--manifest", defaultValue = "data/demo/devices.json", description = "Device manifest (default: ${DEFAULT-VALUE}).")
    Path manifest;

    @Option(names = "--mqtt", description = "Gateway URI (default: the manifest's).")
    String mqttUri;

    @Option(names = "--mqtt-version", defaultValue = "5", description = "MQTT protocol: 5 or 3 (default: ${DEFAULT-VALUE}).")
    String mqttVersion;

    @Option(names = "--days", required = true, description = "How many days back from now.")
    int days;

    @Option(names = "--step-minutes", defaultValue = "10",
            description = "Simulated minutes between two steps of a device (default: ${DEFAULT-VALUE}).")
    int stepMinutes;

    @Option(names = "--rate-per-device", defaultValue = "90",
            description = "Messages per second per device; the gateway's default limit is 100 (default: ${DEFAULT-VALUE}).")
    int ratePerDevice;

    @Option(names = "--window", defaultValue = "32", description = "Unacknowledged messages per device (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--parallel", defaultValue = "200", description = "Devices backfilling at once (default: ${DEFAULT-VALUE}).")
    int parallel;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (days < 1 || days > 3660) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--days must be 1 to 3660, got " + days);
        }
        if (stepMinutes < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--step-minutes must be at least 1, got " + stepMinutes);
        }
        Instant to = Instant.now();
        Backfill.Options options;
        try {
            options = new Backfill.Options(mqttUri, RunCommand.parseVersion(spec, mqttVersion), to.minus(Duration.ofDays(days)),
                    to, Duration.ofMinutes(stepMinutes), ratePerDevice, window, parallel, DeviceStates.nextTo(manifest));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        DeviceManifest devices = DeviceManifest.read(manifest);
        Backfill backfill = new Backfill();
        ScheduledExecutorService printer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon(true).factory());
        long startedNanos = System.nanoTime();
        printer.scheduleAtFixedRate(() -> System.out.printf("backfill: published %d acknowledged %d failed %d (%.0f msg/s)%n",
                backfill.published(), backfill.acknowledged(), backfill.failed(),
                backfill.acknowledged() * 1e9 / Math.max(1, System.nanoTime() - startedNanos)), 5, 5, TimeUnit.SECONDS);
        Backfill.Report report = backfill.run(devices, options);
        printer.shutdownNow();
        System.out.printf("backfill of %d days for %d devices: %d messages acknowledged, %d failed, %d devices failed, in %.1f s: %.0f msg/s%n",
                days, report.devices(), report.acknowledged(), report.failed(), report.devicesFailed(),
                report.elapsed().toMillis() / 1000.0, report.rate());
        return report.failed() == 0 && report.devicesFailed() == 0 ? 0 : 1;
    }
}
