package org.anju.bench.platform;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.anju.platform.AnjuPlatform;
import org.anju.platform.registry.Registrar;
import org.anju.platform.storage.series.BinaryCopy;
import org.anju.protocol.DeviceType;
import org.anju.protocol.manifest.DeviceManifest;
import org.anju.simulator.load.Ledger;
import org.anju.simulator.load.LedgerCheck;
import org.anju.simulator.load.LoadRun;
import org.anju.bench.AnjuVersion;

/**
 * Benchmark: simulated devices of every type publish their telemetry at QoS 1 through the real
 * gateway into the database, as fast as the platform acknowledges; then the data points stored in
 * the measured window are written again by raw binary {@code COPY} into the same table (shifted a
 * day back), and the two rates are compared. Every acknowledged message is looked up afterwards
 * (the ledger): lost and duplicated counts are part of the result.
 * <p>
 * Runs on a fresh database created on the given server and dropped at the end. The last line is
 * {@code summary points_per_s=… messages_per_s=… puback_p50_ms=… puback_p99_ms=… copy_points_per_s=… ratio=… lost=…
 * duplicated=…}, with {@code query_p50_ms=… query_p99_ms=…} after {@code --prefill}.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true, versionProvider = AnjuVersion.class,
        description = "Devices -> gateway -> database at QoS 1, compared with raw COPY into the same table.")
public final class IngestBench implements Callable<Integer> {

    private static final String TENANT = "bench";
    private static final String COMMUNITY = "bench-ingest";
    private static final int COPY_BATCH_ROWS = 5_000;

    @Option(names = "--db-url", required = true,
            description = "JDBC URL of the server (user and password in it); a fresh database is created there.")
    String serverUrl;

    @Option(names = "--devices", defaultValue = "120", description = "Simulated devices, spread over the types (default ${DEFAULT-VALUE}).")
    int devices;

    @Option(names = "--seconds", defaultValue = "30", description = "Measured seconds (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup-seconds", defaultValue = "10", description = "Unmeasured seconds first (default ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(names = "--rate", defaultValue = "0",
            description = "Messages/s of all devices together; 0 for as fast as acknowledged (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--window", defaultValue = "32",
            description = "Unacknowledged messages per device (default ${DEFAULT-VALUE}; the gateway allows 64).")
    int window;

    @Option(names = "--client", defaultValue = "VERTX",
            description = "MQTT client of the simulated devices: VERTX (MQTT 3.1.1, event loop: the load costs little CPU) "
                    + "or PAHO (MQTT 5, a thread per connection) (default ${DEFAULT-VALUE}).")
    LoadRun.Client client;

    @Option(names = "--keep-database", description = "Keep the benchmark database instead of dropping it.")
    boolean keepDatabase;

    @Option(names = "--prefill", description = "Then pre-fill another fresh database with 30 days of 10,000 devices "
            + "and measure the dashboard query (one device, one metric, 30 days); about 5 minutes.")
    boolean prefill;

    private final PrintStream out;

    public IngestBench(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new IngestBench(System.out)).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Map<String, String> summary = new LinkedHashMap<>();
        int status = inFreshDatabase("anju_bench_ingest", url -> ingest(url, summary));
        if (status == 0 && prefill) {
            status = inFreshDatabase("anju_bench_prefill", url -> {
                Prefill.Result result = Prefill.run(url, out);
                summary.put("prefill_rows", Long.toString(result.rows()));
                summary.put("query_p50_ms", format(result.queryP50Millis()));
                summary.put("query_p99_ms", format(result.queryP99Millis()));
                return 0;
            });
        }
        StringBuilder line = new StringBuilder("summary");
        summary.forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
        out.println(line);
        return status;
    }

    private interface Step {
        int run(String url) throws Exception;
    }

    private int inFreshDatabase(String prefix, Step step) throws Exception {
        BenchDatabase database = BenchDatabase.create(serverUrl, prefix);
        try {
            return step.run(database.url());
        } finally {
            if (keepDatabase) {
                out.println("kept database: " + database.url());
            } else {
                database.drop();
            }
        }
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.2f", value);
    }

    private int ingest(String url, Map<String, String> summary) throws Exception {
        try (AnjuPlatform platform = BenchPlatform.start(url, Map.of())) {
            out.println("database: " + platform.database().timescale());
            List<DeviceManifest.Device> fleet = provision(platform.registrar(), TENANT, COMMUNITY, devices);
            out.printf("load: %d devices of all six types (%s client), window %d, rate %s, %d s warm-up + %d s measured%n",
                    fleet.size(), client, window, rate == 0 ? "as fast as acknowledged" : rate + " msg/s", warmupSeconds, seconds);
            Window measured;
            Ledger ledger;
            try (LoadRun load = LoadRun.start(fleet, new LoadRun.Options("tcp://127.0.0.1:" + platform.mqttPort(), rate, window,
                    client))) {
                ledger = load.ledger();
                if (!load.awaitConnected(Duration.ofSeconds(60))) {
                    System.err.println("ingest bench: only " + load.connectedDevices() + " of " + fleet.size() + " devices connected");
                    return 1;
                }
                Thread.sleep(warmupSeconds * 1000L); // the warm-up is a span of time, not a condition
                ledger.pubackLatency().reset();
                Instant from = Instant.now();
                long ackedFrom = ledger.acknowledgedCount();
                Thread.sleep(seconds * 1000L);
                Instant to = Instant.now();
                measured = new Window(from, to, ledger.acknowledgedCount() - ackedFrom);
            }
            LedgerCheck.Report check = LedgerCheck.check(ledger, url, "", "");
            long points = countPoints(url, measured);
            double secondsMeasured = Duration.between(measured.from(), measured.to()).toNanos() / 1e9;
            double pointsPerSecond = points / secondsMeasured;
            double messagesPerSecond = measured.acknowledged() / secondsMeasured;
            out.printf(Locale.ROOT, "end to end: %,d messages, %,d data points in %.1f s: %,.0f messages/s, %,.0f points/s%n",
                    measured.acknowledged(), points, secondsMeasured, messagesPerSecond, pointsPerSecond);
            out.printf(Locale.ROOT, "PUBACK latency: p50 %.2f ms, p99 %.2f ms%n", ledger.pubackLatency().percentileMillis(50),
                    ledger.pubackLatency().percentileMillis(99));
            out.printf("ledger: %s (refused %d, unanswered %d)%n", check, ledger.refusedCount(), ledger.unansweredCount());
            double copyPointsPerSecond = rawCopy(url, measured);
            double ratio = pointsPerSecond / copyPointsPerSecond;
            out.printf(Locale.ROOT, "raw COPY of the same %,d points: %,.0f points/s; ratio %.2f%n", points, copyPointsPerSecond,
                    ratio);
            summary.put("points_per_s", format(pointsPerSecond));
            summary.put("messages_per_s", format(messagesPerSecond));
            summary.put("puback_p50_ms", format(ledger.pubackLatency().percentileMillis(50)));
            summary.put("puback_p99_ms", format(ledger.pubackLatency().percentileMillis(99)));
            summary.put("copy_points_per_s", format(copyPointsPerSecond));
            summary.put("ratio", String.format(Locale.ROOT, "%.2f", ratio));
            summary.put("lost", Long.toString(check.lost()));
            summary.put("duplicated", Long.toString(check.duplicated()));
            summary.put("devices", Integer.toString(fleet.size()));
            return check.nothingLost() ? 0 : 1;
        }
    }

    /** The measured span and the messages acknowledged in it. */
    private record Window(Instant from, Instant to, long acknowledged) {
    }

    /** Provisions {@code devices} devices spread over the six types, in a tenant and community of their own. */
    static List<DeviceManifest.Device> provision(Registrar provisioning, String tenant, String community, int devices) {
        provisioning.tenant(tenant, "Benchmark");
        provisioning.community(new Registrar.Community(community, tenant, "Benchmark " + community, null, null, null));
        List<DeviceManifest.Device> fleet = new ArrayList<>();
        DeviceType[] types = DeviceType.values();
        for (int i = 0; i < devices; i++) {
            String type = types[i % types.length].wireName();
            String id = community + "-%05d".formatted(i);
            String secret = "secret-" + id;
            provisioning.device(new Registrar.Device(id, tenant, community, type, id, null, null, null, null, null));
            provisioning.deviceCredential(tenant, id, id, secret);
            fleet.add(new DeviceManifest.Device(id, tenant, id, secret, type));
        }
        return fleet;
    }

    private static long countPoints(String url, Window window) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM telemetry WHERE ts >= ? AND ts < ?")) {
            ps.setTimestamp(1, Timestamp.from(window.from()));
            ps.setTimestamp(2, Timestamp.from(window.to()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Writes the measured window's rows again, a day earlier, with binary COPY in batches of the
     * ingest's default size, one transaction each; returns points/s. Encoding is timed too, as
     * ingest encodes its batches.
     */
    private double rawCopy(String url, Window window) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url);
                PreparedStatement ps = c.prepareStatement(
                        "SELECT ts, device_id, metric, value FROM telemetry WHERE ts >= ? AND ts < ? ORDER BY ts")) {
            ps.setTimestamp(1, Timestamp.from(window.from()));
            ps.setTimestamp(2, Timestamp.from(window.to()));
            ps.setFetchSize(10_000);
            c.setAutoCommit(false);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Object[] {rs.getTimestamp(1).toInstant().minus(Duration.ofDays(1)), rs.getString(2),
                            rs.getString(3), rs.getDouble(4)});
                }
            }
            c.commit();
        }
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            long started = System.nanoTime();
            for (int from = 0; from < rows.size(); from += COPY_BATCH_ROWS) {
                List<Object[]> batch = rows.subList(from, Math.min(rows.size(), from + COPY_BATCH_ROWS));
                BinaryCopy encoded = new BinaryCopy(batch.size());
                for (Object[] row : batch) {
                    encoded.startRow(4).timestamptz((Instant) row[0]).text((String) row[1]).text((String) row[2])
                            .float8((Double) row[3]);
                }
                encoded.copyInto(copy, "COPY telemetry (ts, device_id, metric, value) FROM STDIN (FORMAT BINARY)");
                c.commit();
            }
            return rows.size() / ((System.nanoTime() - started) / 1e9);
        }
    }
}
