package org.anju.simulator.load;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.anju.protocol.manifest.DeviceManifest;
import org.anju.simulator.AnjuVersion;

/**
 * {@code ./anju simulate load}: the devices of a manifest publish telemetry at QoS 1 at a target
 * rate for a while (or until Ctrl-C), with a live progress line; then, given the platform's
 * database, every acknowledged message is looked up and lost or duplicated ones are reported.
 * Exit status 1 when something acknowledged was lost or duplicated.
 */
@Command(name = "load", mixinStandardHelpOptions = true, versionProvider = AnjuVersion.class,
        description = "Load mode: publish at a target rate, record every acknowledged message, check none was lost.")
public final class LoadCommand implements Callable<Integer> {

    @Option(names = "--manifest", defaultValue = "data/demo/devices.json",
            description = "Device manifest (default: ${DEFAULT-VALUE}).")
    Path manifest;

    @Option(names = "--mqtt", description = "Gateway URI, e.g. tcp://127.0.0.1:1883 (default: the manifest's).")
    String mqttUri;

    @Option(names = "--rate", defaultValue = "100",
            description = "Messages/s of all devices together; 0 for as fast as acknowledged (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--seconds", defaultValue = "60", description = "How long; 0 for until Ctrl-C (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--window", defaultValue = "16", description = "Unacknowledged messages per device (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--client", defaultValue = "PAHO",
            description = "PAHO (MQTT 5) or VERTX (MQTT 3.1.1, event loop) (default: ${DEFAULT-VALUE}).")
    LoadRun.Client client;

    @Option(names = "--check-db-url",
            description = "JDBC URL of the platform's database (credentials in it): check the ledger against it afterwards.")
    String checkDbUrl;

    private final PrintStream out;

    public LoadCommand() {
        this(System.out);
    }

    LoadCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        if (seconds < 0) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--seconds must not be negative");
        }
        DeviceManifest devices = DeviceManifest.read(manifest);
        String uri = mqttUri != null ? mqttUri : devices.mqttUri();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(stopped::countDown, "anju-load-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        Ledger ledger;
        long started = System.nanoTime();
        try (LoadRun run = LoadRun.start(devices.devices(), new LoadRun.Options(uri, rate, window, client))) {
            ledger = run.ledger();
            long deadline = seconds == 0 ? Long.MAX_VALUE : started + TimeUnit.SECONDS.toNanos(seconds);
            long lastAcked = 0;
            while (!stopped.await(1, TimeUnit.SECONDS) && System.nanoTime() < deadline) {
                long acked = ledger.acknowledgedCount();
                out.printf(Locale.ROOT, "\rconnected %d/%d, %,d msg/s, acknowledged %,d, failed %,d   ", run.connectedDevices(),
                        devices.devices().size(), acked - lastAcked, acked,
                        ledger.refusedCount() + ledger.unansweredCount());
                lastAcked = acked;
            }
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        out.printf(Locale.ROOT, "%nsent %,d, acknowledged %,d, refused %,d, unanswered %,d in %.1f s; PUBACK p50 %.2f ms, p99 %.2f ms%n",
                ledger.sentCount(), ledger.acknowledgedCount(), ledger.refusedCount(), ledger.unansweredCount(), elapsed,
                ledger.pubackLatency().percentileMillis(50), ledger.pubackLatency().percentileMillis(99));
        if (checkDbUrl == null) {
            out.println("ledger not checked (no --check-db-url)");
            return 0;
        }
        LedgerCheck.Report report = LedgerCheck.check(ledger, checkDbUrl, "", "");
        out.println("ledger: " + report);
        return report.nothingLost() ? 0 : 1;
    }
}
