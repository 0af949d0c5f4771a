package org.anju.bench.platform;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.postgresql.PGConnection;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.anju.bench.AnjuVersion;
import org.anju.platform.api.UsageBillables;
import org.anju.platform.api.UsageServices;
import org.anju.platform.billing.BillingRuns;
import org.anju.platform.billing.BillingSettings;
import org.anju.platform.billing.Contracts;
import org.anju.platform.billing.NewTariff;
import org.anju.platform.billing.RunResult;
import org.anju.platform.billing.Tariff;
import org.anju.platform.billing.Tariffs;
import org.anju.platform.charging.ChargingSessions;
import org.anju.platform.ledger.Ledger;
import org.anju.platform.parking.ParkingReviews;
import org.anju.platform.parking.VisitorTariffs;
import org.anju.platform.parking.Visits;
import org.anju.platform.storage.Database;
import org.anju.platform.storage.DatabaseSettings;
import org.anju.platform.storage.UnitOfWork;
import org.anju.platform.storage.series.BinaryCopy;

/**
 * One community's monthly billing run at scale: on a fresh database, filled server-side
 * ({@code INSERT … SELECT generate_series}) with {@code --contracts} households, spaces and monthly
 * rental contracts, {@code --sessions} priced charging sessions and the visits of {@code --plate-reads}
 * plate reads (an entry and an exit read per visit: the derived, priced visits are generated, the
 * derivation itself is {@code bench usage}'s), all of January 2027, times the run of January and a
 * second run of the same month (which answers the first and changes nothing). Beside the run it
 * times a raw binary {@code COPY} of as many lines into a bare table, before and after the run, the
 * reference that gives the run's figure a meaning on a loaded machine.
 */
@Command(name = "billing", mixinStandardHelpOptions = true, versionProvider = AnjuVersion.class,
        description = "A monthly billing run of one community: rent, property fees, visits, charging (issue 12).")
public final class BillingBench implements Callable<Integer> {

    private static final String C = "bench-c";
    private static final YearMonth MONTH = YearMonth.of(2027, 1);

    @Option(names = "--db-url", required = true, description = "A PostgreSQL/TimescaleDB server (a database is created on it).")
    String dbUrl;

    @Option(names = "--contracts", defaultValue = "100000", description = "Households, spaces and contracts (default ${DEFAULT-VALUE}).")
    int contracts;

    @Option(names = "--sessions", defaultValue = "1000000", description = "Priced charging sessions (default ${DEFAULT-VALUE}).")
    int sessions;

    @Option(names = "--plate-reads", defaultValue = "1000000", description = "Plate reads, two per visit (default ${DEFAULT-VALUE}).")
    int plateReads;

    @Option(names = "--keep", description = "Keep the database afterwards.")
    boolean keep;

    private final PrintStream out;

    public BillingBench(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        BenchDatabase db = BenchDatabase.create(dbUrl, "anju_billing_bench");
        try (Database database = Database.open(new DatabaseSettings(db.url(), "", "", 4, Duration.ofMinutes(30)))) {
            out.println("database: " + database.timescale());
            ZoneId zone = ZoneId.of("Asia/Shanghai");
            BillingSettings settings = new BillingSettings(zone, Map.of(), 6, 70, 15);
            Clock clock = Clock.fixed(Instant.parse("2027-02-01T01:00:00Z"), zone);
            Tariffs tariffs = Tariffs.create(settings, clock);
            long t = System.nanoTime();
            load(database, tariffs);
            out.printf(Locale.ROOT, "load: %d contracts, %d sessions, %d visits in %.1f s%n", contracts, sessions,
                    plateReads / 2, seconds(t));
            UnitOfWork work = database.work();
            UsageServices usage = new UsageServices(new Visits(work), new ParkingReviews(work, VisitorTariffs.fixed(null)),
                    new ChargingSessions(work), zone);
            Contracts rentals = Contracts.create(tariffs, settings, (tx, c, id) -> true, clock);
            BillingRuns runs = BillingRuns.create(work, tariffs, rentals, Ledger.create(), UsageBillables.of(usage),
                    settings, clock);
            // the reference before the run: as many lines as the run will write, of the same shape
            int lines = contracts * 2 + sessions + plateReads / 2;
            List<Object[]> synthetic = new ArrayList<>(lines);
            for (int i = 0; i < lines; i++) {
                synthetic.add(new Object[] {1L + i % contracts, "charging", "charging-session:" + i,
                        "EV charging 7 kWh, ev-" + i % 1000 + " #1, 2027-01-01T00:00:00Z", 700L + i % 500, 0L});
            }
            double copyBeforeS = rawCopy(database, synthetic, "before the run, same number and shape");
            synthetic = null;
            t = System.nanoTime();
            RunResult first = runs.run(C, MONTH);
            double runS = seconds(t);
            out.printf(Locale.ROOT, "run: %s in %.1f s%n", first, runS);
            t = System.nanoTime();
            RunResult again = runs.run(C, MONTH);
            double rerunS = seconds(t);
            out.printf(Locale.ROOT, "rerun: %s in %.2f s%n", again, rerunS);
            double copyAfterS = rawCopy(database, runLines(database), "after the run, the run's own lines");
            // the load of a shared machine changes within minutes: the ratio is against the mean of the two
            double copyS = (copyBeforeS + copyAfterS) / 2;
            out.printf(Locale.ROOT, "summary run_s=%.1f rerun_s=%.2f copy_before_s=%.1f copy_after_s=%.1f ratio=%.1f "
                    + "contracts=%d sessions=%d plate_reads=%d invoices=%d%n", runS, rerunS, copyBeforeS, copyAfterS,
                    runS / copyS, contracts, sessions, plateReads, first.invoices());
        } finally {
            if (!keep) {
                db.drop();
            }
        }
        return 0;
    }

    private void load(Database database, Tariffs tariffs) throws Exception {
        UnitOfWork work = database.work();
        int visits = plateReads / 2;
        work.inTransaction("bench load", tx -> {
            try (Statement s = tx.connection().createStatement()) {
                s.execute("INSERT INTO tenants (id, name) VALUES ('bench', 'Bench')");
                s.execute("INSERT INTO communities (id, tenant_id, name) VALUES ('" + C + "', 'bench', 'Bench')");
                s.execute("INSERT INTO buildings (id, community_id, name) VALUES ('b', '" + C + "', 'B')");
                s.execute("INSERT INTO households (id, community_id, building_id, floor, number, private_area_m2) "
                        + "SELECT h, '" + C + "', 'b', 1, 'n' || h, 60 + (h % 5000) / 100.0 FROM generate_series(1, "
                        + contracts + ") h");
                s.execute("INSERT INTO parking_spaces (id, community_id, number, kind, ownership) SELECT h, '" + C
                        + "', 'S' || h, 'underground', CASE WHEN h % 10 = 0 THEN 'common' ELSE 'developer' END "
                        + "FROM generate_series(1, " + contracts + ") h");
                s.execute("INSERT INTO rental_contracts (community_id, space_id, household_id, owner_household, term, "
                        + "period_fen, starts_on, ends_on, created_by) SELECT '" + C + "', h, h, true, 'monthly', 35000, "
                        + "date '2026-12-01', date '2027-06-01', 'bench' FROM generate_series(1, " + contracts + ") h");
                // sessions and visits of January (Shanghai), spread over the households
                s.execute("INSERT INTO charging_sessions (community_id, device_id, connector_id, transaction_id, "
                        + "household_id, started_at, stopped_at, energy_wh, amount_fen, state, settled_at) "
                        + "SELECT '" + C + "', 'ev-' || (s % 1000), 1, s, 1 + s % " + contracts + ", t, t + interval '30 minutes', "
                        + "7000, 700 + s % 500, 'priced', t + interval '30 minutes' FROM (SELECT s, timestamptz "
                        + "'2027-01-01 00:00+08' + (s % 44000) * interval '1 minute' AS t FROM generate_series(1, "
                        + sessions + ") s) x");
                s.execute("INSERT INTO parking_visits (community_id, source_key, plate, car_park, entry_ts, exit_ts, "
                        + "household_id, exemption, amount_fen, settled_at) SELECT '" + C + "', 'v' || v, 'A' || v, 'p', "
                        + "t, t + interval '2 hours', 1 + v % " + contracts + ", 'none', 500 + v % 300, "
                        + "t + interval '2 hours' FROM (SELECT v, timestamptz '2027-01-01 00:00+08' + (v % 44000) "
                        + "* interval '1 minute' AS t FROM generate_series(1, " + visits + ") v) x");
            }
            tariffs.add(tx, new NewTariff(C, LocalDate.parse("2026-01-01"), new Tariff.PropertyFee(185), "bench"));
            return null;
        });
        // the run is timed on a settled database, as pgbench times its runs: the loaded rows vacuumed (their
        // hint bits set, as months-old rows have them; else the run's first reads dirty and write every page),
        // analysed, and written out by a checkpoint (else the load's checkpoint falls into the run)
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE");
            s.execute("CHECKPOINT");
        }
    }

    /** Returns the run's invoice lines as written. */
    private static List<Object[]> runLines(Database database) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.setFetchSize(50_000);
            try (ResultSet rs = s.executeQuery("SELECT invoice_id, stream, source_id, description, amount_fen, fund_fen "
                    + "FROM invoice_lines")) {
                while (rs.next()) {
                    rows.add(new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                            rs.getLong(6)});
                }
            }
            c.rollback();
        }
        return rows;
    }

    /**
     * The reference measured beside the run, so that its ratio means something on a loaded machine:
     * lines written by one binary {@code COPY} into a table of invoice_lines' columns without indexes,
     * constraints or triggers (rolled back), encoding included; returns seconds.
     */
    private double rawCopy(Database database, List<Object[]> rows, String what) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("CREATE TEMPORARY TABLE raw_lines (invoice_id bigint, stream text, source_id text, "
                    + "description text, amount_fen bigint, fund_fen bigint)");
            long t = System.nanoTime();
            BinaryCopy copy = new BinaryCopy(rows.size());
            for (Object[] r : rows) {
                copy.startRow(6).int8((Long) r[0]).text((String) r[1]).text((String) r[2]).text((String) r[3])
                        .int8((Long) r[4]).int8((Long) r[5]);
            }
            copy.copyInto(c.unwrap(PGConnection.class).getCopyAPI(), "COPY raw_lines FROM STDIN (FORMAT BINARY)");
            double copyS = seconds(t);
            c.rollback();
            out.printf(Locale.ROOT, "reference: raw COPY of %d lines (%s) into a bare table in %.1f s%n", rows.size(),
                    what, copyS);
            return copyS;
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
