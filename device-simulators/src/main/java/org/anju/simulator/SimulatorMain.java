package org.anju.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./anju simulate}: runs the devices of a manifest against a gateway until Ctrl-C.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, subcommands = {org.anju.simulator.community.GenerateCommand.class, org.anju.simulator.scenario.ScenariosCommand.class, org.anju.simulator.scenario.ScenarioCommand.class},
        description = "Runs simulated devices (MQTT 5, Hono device API) from a manifest until Ctrl-C.")
public final class SimulatorMain implements Callable<Integer> {

    @Option(names = "--manifest", defaultValue = "data/demo/devices.json",
            description = "Device manifest written by ./anju demo (default: ${DEFAULT-VALUE}).")
    Path manifest;

    @Option(names = "--mqtt", description = "Gateway URI, e.g. tcp://127.0.0.1:1883 (default: the manifest's).")
    String mqttUri;

    @Option(names = "--interval-seconds", defaultValue = "5",
            description = "Seconds between two readings of one device (default: ${DEFAULT-VALUE}).")
    int intervalSeconds;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SimulatorMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (intervalSeconds < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--interval-seconds must be at least 1");
        }
        DeviceManifest devices = DeviceManifest.read(manifest);
        CountDownLatch stopped = new CountDownLatch(1);
        CommunitySimulator simulator = CommunitySimulator.start(devices, mqttUri, Duration.ofSeconds(intervalSeconds));
        // Ctrl-C: the hook itself disconnects the devices, since the JVM ends when the hooks are done
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "anju-simulator-stop"));
        while (!stopped.await(5, TimeUnit.SECONDS)) {
            System.out.println("simulator: " + simulator.stats());
        }
        return 0;
    }
}
