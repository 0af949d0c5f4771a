package org.anju.bench.platform;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.anju.platform.history.DeviceHistory;
import org.anju.platform.history.History;
import org.anju.platform.history.HistoryLimits;
import org.anju.platform.history.HistoryQuery;
import org.anju.platform.history.Resolution;
import org.anju.platform.query.TimeRange;
import org.anju.platform.storage.Database;
import org.anju.platform.storage.RequestClass;
import org.anju.platform.storage.DatabaseSettings;
import org.anju.platform.storage.retention.RetentionPolicy;
import org.anju.platform.storage.rollup.RollupSettings;
import org.anju.platform.storage.rollup.Rollups;
import org.anju.bench.AnjuVersion;

/**
 * Benchmark: pre-fills a database with weeks of telemetry for a large fleet (binary COPY, then the
 * platform's own rollup rebuild), then measures the dashboard query: one device, one metric,
 * 30 days, which the history service answers from hourly rollups. The last line is
 * {@code summary prefill_rows=… prefill_s=… query_p50_ms=… query_p99_ms=…}.
 * <p>
 * The default (10,000 devices, 30 days, 1 metric every 10 minutes: 43.2M rows) suits a 2-core
 * machine; see docs/storage.md for figures.
 */
@Command(name = "prefill", mixinStandardHelpOptions = true, versionProvider = AnjuVersion.class,
        description = "Pre-fills telemetry and rollups, then measures the 30-day history query.")
public final class Prefill implements Callable<Integer> {

    private static final Duration QUERY_RANGE = Duration.ofDays(30);
    private static final int WARM_UP_QUERIES = 20;
    private static final ZoneId DAY_ZONE = ZoneId.of("Asia/Shanghai");

    @Option(names = "--db-url", required = true, description = "JDBC URL of the database (user and password may be in it).")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "", description = "Database user, if not in the URL.")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "", description = "Database password, if not in the URL.")
    String dbPassword;

    @Option(names = "--devices", defaultValue = "10000", description = "Devices (default ${DEFAULT-VALUE}).")
    int devices;

    @Option(names = "--communities", defaultValue = "20", description = "Communities they belong to (default ${DEFAULT-VALUE}).")
    int communities;

    @Option(names = "--days", defaultValue = "30", description = "Days of history up to now (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--metrics", defaultValue = "1", description = "Metrics per device, 1 to 5 (default ${DEFAULT-VALUE}).")
    int metrics;

    @Option(names = "--interval-seconds", defaultValue = "600",
            description = "Seconds between a device's readings (default ${DEFAULT-VALUE}).")
    int intervalSeconds;

    @Option(names = "--writers", defaultValue = "2", description = "Parallel COPY connections (default ${DEFAULT-VALUE}).")
    int writers;

    @Option(names = "--queries", defaultValue = "200", description = "Measured history queries (default ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--query-only", description = "Skip the prefill: measure the queries on data loaded before.")
    boolean queryOnly;

    private final PrintStream out;

    Prefill(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Prefill(System.out)).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Result result = run();
        if (result == null) {
            return 2;
        }
        out.printf(Locale.ROOT, "summary prefill_rows=%d prefill_s=%.1f query_p50_ms=%.2f query_p99_ms=%.2f%n", result.rows(),
                result.seconds(), result.queryP50Millis(), result.queryP99Millis());
        return 0;
    }

    /** What a prefill run measured. */
    record Result(long rows, double seconds, double queryP50Millis, double queryP99Millis) {
    }

    /** Pre-fills {@code url} with the default fleet and measures the queries (for {@code bench ingest --prefill}). */
    static Result run(String url, PrintStream out) throws Exception {
        Prefill prefill = new Prefill(out);
        new CommandLine(prefill).parseArgs("--db-url", url);
        return prefill.run();
    }

    /** Returns null when the database already holds benchmark data and no query-only run was asked for. */
    private Result run() throws Exception {
        BenchFleet fleet = new BenchFleet(devices, communities, metrics);
        Duration rawKeptFor = Duration.ofDays(Math.max(90, days + 1L));
        RetentionPolicy retention = new RetentionPolicy(rawKeptFor, Duration.ofDays(Math.max(730, days + 1L)),
                Duration.ofDays(1826), Duration.ofDays(1826), Duration.ofDays(1826));
        RollupSettings settings = new RollupSettings(Duration.ofMinutes(1), DAY_ZONE, retention.telemetry(),
                retention.hourly());
        try (Database database = Database.open(new DatabaseSettings(dbUrl, dbUser, dbPassword, writers + 2,
                Duration.ofSeconds(30)))) {
            out.println("database: " + database.timescale());
            Rollups rollups = Rollups.open(database.dataSource(), database.timescale(), settings, Clock.systemUTC());
            long rows = 0;
            double prefillSeconds = 0;
            if (!queryOnly) {
                if (fleet.hasData(database.dataSource())) {
                    System.err.println("prefill: this database already holds benchmark data; use --query-only or a fresh database");
                    return null;
                }
                long started = System.nanoTime();
                rows = prefill(database, fleet, rollups);
                prefillSeconds = (System.nanoTime() - started) / 1e9;
            }
            double[] millis = measure(new DeviceHistory(database.work(RequestClass.REPORT), rollups.tables(), retention,
                    DAY_ZONE, Clock.systemUTC(), HistoryLimits.DEFAULTS), fleet);
            return new Result(rows, prefillSeconds, Percentiles.of(millis, 50), Percentiles.of(millis, 99));
        }
    }

    private long prefill(Database database, BenchFleet fleet, Rollups rollups) throws Exception {
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant start = end.minus(Duration.ofDays(days));
        fleet.provision(database.dataSource());
        out.printf("prefill: %,d devices x %d metric(s) every %d s for %d days, %d writer(s)%n", devices, metrics,
                intervalSeconds, days, writers);
        long copyStarted = System.nanoTime();
        long rows = new TelemetryLoader(database.dataSource(), fleet, Duration.ofSeconds(intervalSeconds), writers, out)
                .load(start, end);
        double copySeconds = (System.nanoTime() - copyStarted) / 1e9;
        out.printf("copy: %,d rows in %.1f s (%,.0f rows/s)%n", rows, copySeconds, rows / copySeconds);
        long rollupStarted = System.nanoTime();
        rollups.rebuild(start, end);
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("ANALYZE telemetry");
            s.execute("ANALYZE " + rollups.tables().hourlyStored());
            s.execute("ANALYZE " + rollups.tables().dailyStored());
        }
        out.printf("rollups and statistics: %.1f s%n", (System.nanoTime() - rollupStarted) / 1e9);
        return rows;
    }

    /** Runs warm-up queries, then the measured ones on random devices; returns their latencies in ms. */
    private double[] measure(DeviceHistory history, BenchFleet fleet) {
        Random random = new Random(42);
        String metric = fleet.metrics().get(0);
        double[] millis = new double[queries];
        Resolution resolution = null;
        int points = 0;
        for (int i = -WARM_UP_QUERIES; i < queries; i++) {
            Instant to = Instant.now();
            HistoryQuery query = new HistoryQuery(fleet.deviceId(random.nextInt(devices)), metric,
                    new TimeRange(to.minus(QUERY_RANGE), to), null);
            long started = System.nanoTime();
            History answer = history.history(query);
            long elapsed = System.nanoTime() - started;
            if (i >= 0) {
                millis[i] = elapsed / 1e6;
                resolution = answer.resolution();
                points = answer.points().size();
            }
        }
        out.printf("queries: %d x (one device, %s, 30 days) -> resolution %s, %d points%n", queries, metric,
                resolution == null ? "-" : resolution.wireName(), points);
        return millis;
    }
}
