package org.anju.bench.platform;

import java.io.PrintStream;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.anju.bench.AnjuVersion;
import org.anju.platform.billing.CommonAreaResolutions;
import org.anju.platform.billing.ContractedHouseholds;
import org.anju.platform.billing.Contracts;
import org.anju.platform.billing.Tariffs;
import org.anju.platform.billing.UsageTariffs;
import org.anju.platform.charging.ChargingDerivation;
import org.anju.platform.charging.ChargingSettings;
import org.anju.platform.charging.EstateIdTags;
import org.anju.platform.config.ConfigLoader;
import org.anju.platform.parking.ParkingDerivation;
import org.anju.platform.parking.ParkingSettings;
import org.anju.platform.privacy.EventSecrets;
import org.anju.platform.storage.Database;
import org.anju.platform.storage.DatabaseSettings;
import org.anju.platform.storage.Sql;

/**
 * Derives visits from plate reads and charging sessions from charger events, as the platform's
 * jobs do, on a fresh database filled server-side with {@code --reads} plate reads (entry and exit
 * pairs, a tenth of them residents') and {@code --sessions} sessions (start, stop and one meter
 * value between) in 10 communities; times the first derivation and a second one with nothing new.
 */
@Command(name = "usage", mixinStandardHelpOptions = true, versionProvider = AnjuVersion.class,
        description = "Visit and charging-session derivation over stored events (issue 12 items 5, 6).")
public final class UsageBench implements Callable<Integer> {

    private static final int COMMUNITIES = 10;
    private static final int CHARGERS = 1000;

    @Option(names = "--db-url", required = true, description = "A PostgreSQL/TimescaleDB server (a database is created on it).")
    String dbUrl;

    @Option(names = "--reads", defaultValue = "1000000", description = "Plate reads (default ${DEFAULT-VALUE}).")
    int reads;

    @Option(names = "--sessions", defaultValue = "1000000", description = "Charging sessions (default ${DEFAULT-VALUE}).")
    int sessions;

    @Option(names = "--keep", description = "Keep the database afterwards.")
    boolean keep;

    private final PrintStream out;

    public UsageBench(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        BenchDatabase db = BenchDatabase.create(dbUrl, "anju_usage_bench");
        EventSecrets secrets = EventSecrets.load(Base64.getEncoder().encodeToString(new byte[32]),
                Files.createTempDirectory("anju-usage-bench"));
        try (Database database = Database.open(new DatabaseSettings(db.url(), "", "", 4, Duration.ofSeconds(30)))) {
            out.println("database: " + database.timescale());
            long loadStart = System.nanoTime();
            load(database, secrets);
            out.printf(Locale.ROOT, "load: %d plate reads, %d sessions in %.1f s%n", reads, sessions, seconds(loadStart));
            var config = ConfigLoader.load(java.util.Optional.empty(), java.util.Map.of());
            ParkingSettings ps = config.parking();
            ChargingSettings cs = config.charging();
            Instant now = Instant.parse("2027-01-01T00:00:00Z");
            // the platform's own adapters: billing's tariffs (defaults here) and contracts
            Clock clock = Clock.systemUTC();
            Tariffs tariffs = Tariffs.create(config.billing(), clock);
            ParkingDerivation parking = new ParkingDerivation(database.work(), ps, UsageTariffs.visitorParking(tariffs),
                    ContractedHouseholds.of(Contracts.create(tariffs, config.billing(), CommonAreaResolutions.OWNERS, clock),
                            config.billing().zone()));
            ChargingDerivation charging = new ChargingDerivation(database.work(), cs,
                    UsageTariffs.evTimeOfUse(tariffs, config.billing().zone(), java.util.Optional.of(cs.tariff())),
                    new EstateIdTags(secrets, Duration.ofMinutes(10), Clock.systemUTC()));
            long t = System.nanoTime();
            ParkingDerivation.Run visits = parking.runOnce(now);
            double parkingS = seconds(t);
            out.printf(Locale.ROOT, "parking: %s in %.1f s (%.0f reads/s)%n", visits, parkingS, visits.reads() / parkingS);
            t = System.nanoTime();
            ChargingDerivation.Run priced = charging.runOnce(now);
            double chargingS = seconds(t);
            out.printf(Locale.ROOT, "charging: %s in %.1f s (%.0f sessions/s)%n", priced, chargingS,
                    (priced.priced() + priced.reviews()) / chargingS);
            t = System.nanoTime();
            parking.runOnce(now);
            charging.runOnce(now);
            double rerunS = seconds(t);
            out.printf(Locale.ROOT, "summary plate_reads=%d parking_s=%.1f reads_per_s=%.0f sessions=%d charging_s=%.1f "
                    + "sessions_per_s=%.0f rerun_s=%.2f%n", visits.reads(), parkingS, visits.reads() / parkingS,
                    priced.priced() + priced.reviews(), chargingS, (priced.priced() + priced.reviews()) / chargingS, rerunS);
        } finally {
            if (!keep) {
                db.drop();
            }
        }
        return 0;
    }

    private void load(Database database, EventSecrets secrets) throws Exception {
        List<String> tags = new ArrayList<>();
        for (int h = 0; h < CHARGERS; h++) {
            tags.add(secrets.matchKey("idTag", "TAG-" + h));
        }
        database.work().inTransaction("bench load", tx -> {
            try (Statement s = tx.connection().createStatement()) {
                s.execute("INSERT INTO tenants (id, name) VALUES ('bench', 'Bench')");
                s.execute("INSERT INTO communities (id, tenant_id, name) SELECT 'bench-' || c, 'bench', 'Bench ' || c "
                        + "FROM generate_series(0, " + (COMMUNITIES - 1) + ") c");
                s.execute("INSERT INTO buildings (id, community_id, name) SELECT 'b-' || c, 'bench-' || c, 'B' "
                        + "FROM generate_series(0, " + (COMMUNITIES - 1) + ") c");
                s.execute("INSERT INTO devices (id, tenant_id, community_id, type, name) SELECT 'cam-' || c, 'bench', "
                        + "'bench-' || c, 'camera', 'gate' FROM generate_series(0, " + (COMMUNITIES - 1) + ") c");
                s.execute("INSERT INTO devices (id, tenant_id, community_id, type, name) SELECT 'ev-' || h, 'bench', "
                        + "'bench-' || (h % " + COMMUNITIES + "), 'ev_charger', 'charger' FROM generate_series(0, "
                        + (CHARGERS - 1) + ") h");
                s.execute("INSERT INTO households (id, community_id, building_id, floor, number, private_area_m2) "
                        + "SELECT h + 1, 'bench-' || (h % " + COMMUNITIES + "), 'b-' || (h % " + COMMUNITIES + "), 1, "
                        + "'n' || h, 80 FROM generate_series(0, " + (CHARGERS - 1) + ") h");
                // a tenth of the plates are residents' vehicles (community 0's, household 1)
                s.execute("INSERT INTO vehicles (community_id, household_id, plate, new_energy) SELECT 'bench-0', 1, "
                        + "'京A' || lpad(p::text, 5, '0'), false FROM generate_series(0, 99999, 10) p");
            }
            try (PreparedStatement ps = tx.connection().prepareStatement("INSERT INTO charging_id_tags (community_id, "
                    + "id_tag, household_id) SELECT 'bench-' || (h % " + COMMUNITIES + "), 'TAG-' || h, h + 1 "
                    + "FROM generate_series(0, " + (CHARGERS - 1) + ") h")) {
                ps.execute();
            }
            return null;
        });
        int visits = reads / 2;
        int plates = Math.min(visits, 100_000);
        // visit g: plate g % plates on day g / plates, two hours and some minutes; in time order
        database.work().inTransaction("bench load", tx -> tx.update("""
                INSERT INTO device_events (ts, device_id, kind, payload)
                SELECT ts, 'cam-' || (p % 10), 'plate_read', jsonb_build_object('kind', 'plate_read', 'ts', ts, 'v', 1,
                       'plate', '京A' || lpad(p::text, 5, '0'), 'direction', dir, 'gateId', 'g' || (p % 10),
                       'confidence', 0.95, 'readable', true)
                  FROM (SELECT g % ?::int AS p, dir,
                               timestamptz '2026-11-01 00:00+08' + (g / ?::int) * interval '1 day'
                                 + (g % ?::int % 1200) * interval '1 minute'
                                 + CASE dir WHEN 'out' THEN interval '2 hours' + (g % 60) * interval '1 minute'
                                   ELSE interval '0' END AS ts
                          FROM generate_series(0, ? - 1) g, (VALUES ('in'), ('out')) d(dir)) x
                 ORDER BY ts""", plates, plates, plates, visits));
        String[] tagArray = tags.toArray(String[]::new);
        // session s on charger s % 1000, the (s / 1000)-th of that charger: 30 minutes every 40, 7 kWh
        database.work().inTransaction("bench load", tx -> {
            tx.update("""
                    INSERT INTO device_events (ts, device_id, kind, payload)
                    SELECT ts, 'ev-' || h, kind, CASE kind WHEN 'session_started' THEN
                             jsonb_build_object('kind', kind, 'ts', ts, 'v', 1, 'transactionId', s, 'connectorId', 1,
                                                'idTag', (?::text[])[h + 1], 'meterStart', k * 10000)
                           ELSE jsonb_build_object('kind', kind, 'ts', ts, 'v', 1, 'transactionId', s, 'connectorId', 1,
                                                'meterStop', k * 10000 + 7000, 'reason', 'EVDisconnected') END
                      FROM (SELECT s, s % 1000 AS h, s / 1000 AS k, kind,
                                   timestamptz '2026-11-01 00:00+08' + (s / 1000) * interval '40 minutes'
                                     + CASE kind WHEN 'session_stopped' THEN interval '30 minutes' ELSE interval '0' END AS ts
                              FROM generate_series(0, ? - 1) s, (VALUES ('session_started'), ('session_stopped')) d(kind)) x
                     ORDER BY ts""", Sql.array(tx.connection(), "text", List.of(tagArray)), sessions);
            return tx.update("""
                    INSERT INTO telemetry (ts, device_id, metric, value)
                    SELECT timestamptz '2026-11-01 00:00+08' + (s / 1000) * interval '40 minutes' + m * interval '1 minute',
                           'ev-' || (s % 1000), 'connector.1.Energy.Active.Import.Register',
                           (s / 1000) * 10000 + m * 7000 / 30.0
                      FROM generate_series(0, ? - 1) s, (VALUES (0), (15), (30)) v(m)""", sessions);
        });
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("ANALYZE");
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

}
