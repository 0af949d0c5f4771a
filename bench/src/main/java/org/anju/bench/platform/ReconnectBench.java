package org.anju.bench.platform;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.anju.bench.AnjuVersion;
import org.anju.bench.gateway.BenchProcess;
import org.anju.platform.AnjuPlatform;
import org.anju.platform.provisioning.CommunityProvisioning;
import org.anju.platform.provisioning.CommunitySpec;
import org.anju.platform.provisioning.DeviceSpec;
import org.anju.platform.provisioning.ProvisioningRequests;
import org.anju.platform.registry.PasswordHasher;

/**
 * Benchmark: a reconnect storm. Provisions N devices with secrets hashed as the provisioning API
 * hashes them, connects them all, restarts the platform with its gateway (a new instance: empty
 * caches, every secret checked with bcrypt again) on the same port, and measures how long until
 * every device is connected again, counted from when the restarted gateway listens. The devices
 * (another process) reconnect whenever a connection ends or an attempt fails (including the
 * "server unavailable" of a busy hashing pool) as the simulated devices do: after 1 s, doubling up
 * to {@code --retry-max-s}, each delay between half and all of that. The last line is
 * {@code summary devices=… reconnected=… reconnect_s=… …}.
 */
@Command(name = "reconnect", mixinStandardHelpOptions = true, versionProvider = AnjuVersion.class,
        description = "Devices reconnecting after a gateway restart: time until all are connected again.")
public final class ReconnectBench implements Callable<Integer> {

    private static final String TENANT = "bench";
    private static final String COMMUNITY = "bench-reconnect";
    private static final String ID_PREFIX = "reconnect-";
    private static final String SECRET_PREFIX = "reconnect-secret-";

    @Option(names = "--db-url", required = true,
            description = "JDBC URL of the server (user and password in it); a fresh database is created there.")
    String serverUrl;

    @Option(names = "--devices", defaultValue = "10000", description = "Devices (default ${DEFAULT-VALUE}).")
    int devices;

    @Option(names = "--connect-rate", defaultValue = "1000",
            description = "New connections a second while the devices first connect (default ${DEFAULT-VALUE}).")
    int connectRate;

    @Option(names = "--retry-max-s", defaultValue = "60",
            description = "Longest delay between a device's attempts; from 1 s doubling (default ${DEFAULT-VALUE}, the simulators').")
    int retryMaxSeconds;

    @Option(names = "--deadline-s", defaultValue = "300",
            description = "Longest wait for the devices to connect, first and again (default ${DEFAULT-VALUE}).")
    int deadlineSeconds;

    private final PrintStream out;

    public ReconnectBench(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        BenchDatabase database = BenchDatabase.create(serverUrl, "anju_bench_reconnect");
        Map<String, String> settings = Map.of("ANJU_MQTT_PORT", Integer.toString(freePort()));
        AnjuPlatform platform = BenchPlatform.start(database.url(), settings);
        try {
            out.printf(Locale.ROOT, "database: %s; hashing: %d threads%n", platform.database().timescale(),
                    Runtime.getRuntime().availableProcessors());
            long provisioned = provision(platform);
            out.printf(Locale.ROOT, "provisioned %,d devices in %.1f s (bcrypt cost %d, as the provisioning API)%n", devices,
                    provisioned / 1e9, CommunityProvisioning.DEVICE_SECRET_BCRYPT_COST);
            try (BenchProcess fleet = BenchProcess.java(ReconnectFleet.class, "1g", Integer.toString(platform.mqttPort()),
                    Integer.toString(devices), Integer.toString(connectRate), TENANT, ID_PREFIX, SECRET_PREFIX,
                    Integer.toString(retryMaxSeconds))) {
                long started = System.currentTimeMillis();
                Progress first = awaitAllConnected(fleet, started);
                out.printf(Locale.ROOT, "all %,d devices connected in %.1f s (at most %d new a second)%n", devices,
                        first.seconds(started), connectRate);

                long stopped = System.currentTimeMillis();
                platform.close();
                platform = BenchPlatform.start(database.url(), settings);
                long listening = System.currentTimeMillis();
                out.printf(Locale.ROOT, "platform restarted: gateway listening again %.1f s after the stop%n",
                        (listening - stopped) / 1000.0);
                Progress again = awaitAllConnected(fleet, listening);
                double reconnectSeconds = again.seconds(listening);
                out.printf(Locale.ROOT, "%s: %,d of %,d devices connected again %.1f s after the gateway listened "
                        + "(%.1f s after the stop)%n", again.all() ? "reconnected" : "deadline passed", again.connected(),
                        devices, reconnectSeconds, again.seconds(stopped));
                out.println("devices' attempts since the start: " + again.counters());
                out.printf(Locale.ROOT, "summary devices=%d reconnected=%d reconnect_s=%.1f restart_s=%.1f "
                        + "first_connect_s=%.1f %s%n", devices, again.connected(), reconnectSeconds,
                        (listening - stopped) / 1000.0, first.seconds(started), again.counters());
                return again.all() ? 0 : 1;
            }
        } finally {
            platform.close();
            database.drop();
        }
    }

    /** What the devices reported: how many are connected, when, and their attempt counters. */
    private record Progress(int connected, boolean all, long atMillis, String counters) {
        double seconds(long since) {
            return (atMillis - since) / 1000.0;
        }
    }

    /** Reads the devices' lines until they are all connected (after {@code since}) or the deadline passes. */
    private Progress awaitAllConnected(BenchProcess fleet, long since) throws IOException {
        long deadline = since + deadlineSeconds * 1000L;
        int connected = 0;
        String counters = "";
        for (String line = fleet.readLine(); line != null; line = fleet.readLine()) {
            if (line.startsWith("all_connected at_ms=")) {
                long at = Long.parseLong(line.substring("all_connected at_ms=".length()));
                if (at >= since) {
                    return new Progress(devices, true, at, counters);
                }
            } else if (line.startsWith("progress ")) {
                connected = Integer.parseInt(line.replaceAll(".*connected=(\\d+).*", "$1"));
                counters = line.substring(line.indexOf("attempts="));
                long elapsed = System.currentTimeMillis() - since;
                if (elapsed / 1000 % 5 == 0) {
                    out.printf(Locale.ROOT, "  %5.1f s: %,d connected (%s)%n", elapsed / 1000.0, connected, counters);
                }
                if (System.currentTimeMillis() > deadline) {
                    return new Progress(connected, false, System.currentTimeMillis(), counters);
                }
            }
        }
        throw new IOException("the devices' process ended");
    }

    /** Provisions the devices through the provisioning API's own code, in its largest requests; returns the nanoseconds. */
    private long provision(AnjuPlatform platform) {
        long started = System.nanoTime();
        CommunityProvisioning provisioning = new CommunityProvisioning(platform.registrar(),
                new PasswordHasher(CommunityProvisioning.DEVICE_SECRET_BCRYPT_COST));
        provisioning.tenant(TENANT, "Benchmark");
        provisioning.community(TENANT, COMMUNITY, new CommunitySpec("Reconnect benchmark", null, null, null, List.of()));
        for (int from = 0; from < devices; from += ProvisioningRequests.MAX_DEVICES_PER_REQUEST) {
            List<DeviceSpec> batch = new ArrayList<>();
            IntStream.range(from, Math.min(devices, from + ProvisioningRequests.MAX_DEVICES_PER_REQUEST))
                    .forEach(i -> batch.add(new DeviceSpec(ID_PREFIX + i, "smoke_detector", "Detector " + i, null, null,
                            null, Map.of(), ID_PREFIX + i, SECRET_PREFIX + i)));
            provisioning.devices(TENANT, COMMUNITY, batch);
        }
        return System.nanoTime() - started;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
