package org.anju.bench.platform;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Vertx;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.anju.bench.AnjuVersion;
import org.anju.platform.delivery.Outbox;
import org.anju.platform.maintenance.WorkOrderSink;
import org.anju.platform.maintenance.forecast.ForecastPass;
import org.anju.platform.maintenance.forecast.ForecastRun;
import org.anju.platform.maintenance.forecast.ForecastSettings;
import org.anju.platform.maintenance.plans.MaintenancePlans;
import org.anju.platform.maintenance.plans.PlansSettings;
import org.anju.platform.storage.Database;
import org.anju.platform.storage.DatabaseSettings;

/**
 * Benchmark: the maintenance forecast pass over a fleet's daily rollups. Loads {@code --days} days
 * of daily rollups for {@code --devices} devices of every type (batteries running down, chambers
 * drifting, disks filling, connectors warming, elevator counters, each at its own random rate, and
 * rising door faults on a fifth of the elevators) by binary {@code COPY} into a fresh database, then
 * times the forecast pass (cold, then again warm). The last line is
 * {@code summary forecast_s=… forecast_warm_s=… plan_run_s=… devices=… days=… load_avg=… cores=…}.
 * <p>
 * Then every device gets its maintenance asset and the plans of its kind, and the daily plan run is
 * timed ({@code plan_run_s}: plans due within their lead time opened, on-demand elevators' counters
 * read). Until the work orders are merged the run opens its work into a counting sink, so the
 * figure leaves out the cost of writing the orders.
 */
@Command(name = "maintenance", mixinStandardHelpOptions = true, versionProvider = AnjuVersion.class,
        description = "The maintenance forecast pass over 180 days of daily rollups of 10,000 devices.")
public final class MaintenanceBench implements Callable<Integer> {

    static final ZoneId DAY_ZONE = ZoneId.of("Asia/Shanghai");

    @Option(names = "--db-url", required = true,
            description = "JDBC URL of the server (user and password in it); a fresh database is created there.")
    String serverUrl;

    @Option(names = "--devices", defaultValue = "10000", description = "Devices, spread over the types (default ${DEFAULT-VALUE}).")
    int devices;

    @Option(names = "--days", defaultValue = "180", description = "Days of daily rollups up to yesterday (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--communities", defaultValue = "20", description = "Communities they belong to (default ${DEFAULT-VALUE}).")
    int communities;

    @Option(names = "--loaded-db-url",
            description = "JDBC URL of a database a '--keep-database' run loaded: skips the load, runs the passes there.")
    String loadedUrl;

    @Option(names = "--keep-database", description = "Keep the benchmark database instead of dropping it.")
    boolean keepDatabase;

    private final PrintStream out;

    public MaintenanceBench(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        BenchDatabase db = loadedUrl == null ? BenchDatabase.create(serverUrl, "anju_bench_maintenance") : null;
        Vertx vertx = Vertx.vertx();
        String url = db == null ? loadedUrl : db.url();
        try (Database database = Database.open(new DatabaseSettings(url, "", "", 4, Duration.ofSeconds(30)))) {
            out.println("database: " + database.timescale());
            if (db != null) {
                load(database);
            }

            ForecastPass pass = new ForecastPass(database.work(), ForecastSettings.defaults(DAY_ZONE), new Outbox(vertx),
                    Clock.system(DAY_ZONE));
            double cold = timed(pass, "cold");
            double warm = timed(pass, "warm");
            double planRun = planRun(database);
            // the machine's load says how far the figures are from an idle machine's
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            out.printf(Locale.ROOT, "summary forecast_s=%.2f forecast_warm_s=%.2f plan_run_s=%.2f devices=%d days=%d"
                    + " load_avg=%.1f cores=%d%n", cold, warm, planRun, devices, days, load, Runtime.getRuntime().availableProcessors());
            return 0;
        } finally {
            vertx.close();
            if (keepDatabase || db == null) {
                out.println("kept database: " + url);
            } else {
                db.drop();
            }
        }
    }

    private void load(Database database) throws Exception {
        BenchFleet fleet = new BenchFleet(devices, communities, 1);
        fleet.provision(database.dataSource());
        long started = System.nanoTime();
        MaintenanceHistory.Loaded loaded = new MaintenanceHistory(fleet, LocalDate.now(DAY_ZONE), days, DAY_ZONE)
                .load(database.dataSource());
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("ANALYZE telemetry_daily");
            s.execute("ANALYZE device_events");
        }
        out.printf(Locale.ROOT, "loaded %,d daily rows and %,d fault events in %.1f s%n", loaded.dailyRows(),
                loaded.events(), (System.nanoTime() - started) / 1e9);
    }

    private double planRun(Database database) {
        LocalDate today = LocalDate.now(DAY_ZONE);
        long started = System.nanoTime();
        int plans = MaintenancePlansLoad.load(database.work(), new BenchFleet(devices, communities, 1), communities, today,
                Instant.now());
        out.printf(Locale.ROOT, "created %,d assets and %,d plans in %.1f s%n", devices, plans,
                (System.nanoTime() - started) / 1e9);
        MaintenancePlans service = new MaintenancePlans(database.work(), PlansSettings.defaults(), DAY_ZONE,
                Clock.system(DAY_ZONE));
        AtomicInteger opened = new AtomicInteger();
        WorkOrderSink counting = (tx, due) -> opened.incrementAndGet();
        double first = 0;
        for (String label : new String[] {"cold", "warm"}) {
            started = System.nanoTime();
            MaintenancePlans.Run run = service.run(today, counting);
            double seconds = (System.nanoTime() - started) / 1e9;
            first = label.equals("cold") ? seconds : first;
            out.printf(Locale.ROOT, "plan run (%s): %.2f s, %,d plans, %,d plan orders, %,d counter orders%n", label,
                    seconds, run.plans(), run.planOrders(), run.counterOrders());
        }
        return first;
    }

    private double timed(ForecastPass pass, String label) {
        long started = System.nanoTime();
        ForecastRun run = pass.run();
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf(Locale.ROOT, "forecast pass (%s): %.2f s (read and fit %.2f s, write %.2f s), %,d series, %,d daily rows,"
                + " %d due, %d later, %d raised%n", label, seconds, run.readMillis() / 1e3, run.writeMillis() / 1e3,
                run.series(), run.dailyRows(), run.due(), run.beyondHorizon(), run.raised());
        return seconds;
    }
}
