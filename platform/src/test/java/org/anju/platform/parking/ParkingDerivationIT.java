package org.anju.platform.parking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.billing.BillingSettings;
import org.anju.platform.billing.ContractedHouseholds;
import org.anju.platform.billing.Contracts;
import org.anju.platform.billing.NewContract;
import org.anju.platform.billing.NewTariff;
import org.anju.platform.billing.SpaceKind;
import org.anju.platform.billing.Tariff;
import org.anju.platform.billing.TariffKind;
import org.anju.platform.billing.Tariffs;
import org.anju.platform.billing.Term;
import org.anju.platform.billing.UsageTariffs;
import org.anju.platform.storage.Database;
import org.anju.platform.storage.UnitOfWork;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.TestClock;
import org.anju.platform.testing.TestDatabases;
import org.anju.platform.testing.TestDatabases.TestDatabase;
import org.anju.platform.testing.TestSql;

/**
 * Visits and review items derived from stored plate reads on a migrated database: pricing,
 * residents' exemption, car parks from the estate's gates, and derivation exactly once (a second
 * run, a run that crashes half-way, two runs at once).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ParkingDerivationIT {

    private static final Instant NOW = at("2026-12-01T20:00:00+08:00");
    private static final ParkingSettings SETTINGS = ParkingSettings.DEFAULTS;
    /** 30 free minutes, 5 CNY per started hour, 30 CNY per 24 hours. */
    private static final VisitorTariff TARIFF = new VisitorTariff(30, 500, 3000);
    private static TestDatabase db;
    private static Database database;
    private static UnitOfWork work;

    @BeforeAll
    static void migrate() {
        db = TestDatabases.primary().create();
        database = Database.open(db.settings());
        work = database.work();
        new Fixtures(database.dataSource()).device("cam-1", "camera", "secret-1").device("cam-2", "camera", "secret-2")
                .device("cam-3", "camera", "secret-3");
        TestSql.execute(database.dataSource(), """
                INSERT INTO households (id, community_id, building_id, unit_id, floor, number, private_area_m2)
                  VALUES (1, 'elm-court', 'elm-b1', NULL, 3, '301', 89.50);
                INSERT INTO vehicles (community_id, household_id, plate, new_energy) VALUES ('elm-court', 1, '京A11111', false);
                INSERT INTO car_parks (id, community_id, name) VALUES (1, 'elm-court', 'north'), (2, 'elm-court', 'south');
                INSERT INTO car_park_gates (device_id, car_park_id) VALUES ('cam-1', 1), ('cam-2', 1), ('cam-3', 2);
                """);
    }

    @AfterAll
    static void drop() {
        database.close();
        db.close();
    }

    @BeforeEach
    void empty() {
        TestSql.execute(database.dataSource(), """
                TRUNCATE device_events, parking_open_entries, parking_reviews, parking_visits, parking_cursor CASCADE;
                """);
    }

    @Test
    void visitorsPayResidentsParkFreeAndUnpairableReadsGoToReview() {
        read("cam-1", "京B22222", "in", "2026-12-01T10:00:00+08:00", 0.97);
        read("cam-1", "京A11111", "in", "2026-12-01T10:05:00+08:00", 0.95);
        read("cam-2", "京B22222", "out", "2026-12-01T12:10:00+08:00", 0.93);
        read("cam-2", "京A11111", "out", "2026-12-01T18:00:00+08:00", 0.99);
        read("cam-1", null, "in", "2026-12-01T13:00:00+08:00", 0);
        read("cam-1", "京C33333", "in", "2026-12-01T14:00:00+08:00", 0.9);
        read("cam-3", "京C33333", "out", "2026-12-01T15:00:00+08:00", 0.9);
        read("cam-1", "京D44444", "in", "2026-12-01T16:00:00+08:00", 0.9);

        ParkingDerivation.Run run = derivation(VisitorTariffs.fixed(TARIFF)).runOnce(NOW);

        assertThat(run).isEqualTo(new ParkingDerivation.Run(8, 2, 2));
        // 2 h 10 min: three started hours at 5 CNY
        assertThat(rows("SELECT plate, exemption, amount_fen, household_id FROM parking_visits ORDER BY plate"))
                .containsExactly("京A11111 household 0 1", "京B22222 none 1500 null");
        assertThat(rows("SELECT reason, coalesce(plate, '-'), jsonb_array_length(evidence) FROM parking_reviews ORDER BY id"))
                .containsExactly("missed_read - 1", "other_car_park 京C33333 2");
        assertThat(rows("SELECT plate, car_park FROM parking_open_entries")).containsExactly("京D44444 north");
    }

    @Test
    void aSecondRunDerivesNothingAndALaterOneOnlyWhatCameAfter() {
        read("cam-1", "京B22222", "in", "2026-12-01T10:00:00+08:00", 0.97);
        ParkingDerivation derivation = derivation(VisitorTariffs.fixed(TARIFF));
        derivation.runOnce(NOW);

        assertThat(derivation.runOnce(NOW)).isEqualTo(new ParkingDerivation.Run(0, 0, 0));

        read("cam-2", "京B22222", "out", "2026-12-01T10:20:00+08:00", 0.97);
        assertThat(derivation.runOnce(NOW)).isEqualTo(new ParkingDerivation.Run(1, 1, 0));
        assertThat(derivation.runOnce(NOW)).isEqualTo(new ParkingDerivation.Run(0, 0, 0));
        assertThat(rows("SELECT plate, amount_fen FROM parking_visits")).containsExactly("京B22222 0");
    }

    @Test
    void aRunThatFailsHalfWayLeavesNothingAndTheNextDerivesAllOnce() {
        read("cam-1", "京B22222", "in", "2026-12-01T10:00:00+08:00", 0.97);
        read("cam-2", "京B22222", "out", "2026-12-01T11:30:00+08:00", 0.97);
        read("cam-1", null, "out", "2026-12-01T11:31:00+08:00", 0);
        // the tariff lookup fails after the pairing and before the writes: the transaction dies
        ParkingDerivation crashing = derivation((tx, community, at) -> {
            throw new IllegalStateException("killed half-way");
        });

        assertThatThrownBy(() -> crashing.runOnce(NOW)).hasMessageContaining("killed half-way");
        assertThat(rows("SELECT count(*) FROM parking_visits")).containsExactly("0");
        assertThat(rows("SELECT count(*) FROM parking_reviews")).containsExactly("0");
        assertThat(rows("SELECT count(*) FROM parking_open_entries")).containsExactly("0");

        assertThat(derivation(VisitorTariffs.fixed(TARIFF)).runOnce(NOW))
                .isEqualTo(new ParkingDerivation.Run(3, 1, 1));
        assertThat(rows("SELECT amount_fen FROM parking_visits")).containsExactly("1000");
    }

    @Test
    void twoRunsAtOnceDeriveEveryVisitOnce() throws Exception {
        for (int i = 0; i < 300; i++) {
            String plate = "京B%05d".formatted(i);
            read("cam-1", plate, "in", "2026-12-01T08:00:00+08:00", 0.9);
            read("cam-2", plate, "out", "2026-12-01T09:00:00+08:00", 0.9);
        }
        ParkingSettings small = new ParkingSettings(SETTINGS.pairing(), 50, SETTINGS.interval());
        AtomicBoolean go = new AtomicBoolean();
        Callable<ParkingDerivation.Run> run = () -> {
            while (!go.get()) {
                Thread.onSpinWait();
            }
            return new ParkingDerivation(work, small, VisitorTariffs.fixed(TARIFF), ActiveContracts.NONE)
                    .runOnce(NOW);
        };
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<Future<ParkingDerivation.Run>> runs = List.of(pool.submit(run), pool.submit(run));
            go.set(true);
            long visits = runs.get(0).get().visits() + runs.get(1).get().visits();
            assertThat(visits).isEqualTo(300);
        }
        assertThat(rows("SELECT count(*), count(DISTINCT plate), sum(amount_fen) FROM parking_visits"))
                .containsExactly("300 300 150000");
    }

    @Test
    void anEntryWaitingPastTheLimitGoesToReviewAtTheRunThatFindsIt() {
        read("cam-1", "京B22222", "in", "2026-12-01T10:00:00+08:00", 0.97);
        ParkingDerivation derivation = derivation(VisitorTariffs.fixed(TARIFF));
        derivation.runOnce(NOW);

        ParkingDerivation.Run later = derivation.runOnce(at("2026-12-04T10:00:00+08:00"));

        assertThat(later).isEqualTo(new ParkingDerivation.Run(0, 0, 1));
        assertThat(rows("SELECT reason, plate FROM parking_reviews")).containsExactly("entry_without_exit 京B22222");
        assertThat(rows("SELECT count(*) FROM parking_open_entries")).containsExactly("0");
    }

    @Test
    void catchingUpOnHistoryPairsAcrossBatchesInsteadOfExpiringEntries() {
        // regression: entries were expired against the wall clock before a later batch brought their exits
        read("cam-1", "京B22222", "in", "2026-12-01T10:00:00+08:00", 0.97);
        read("cam-1", "京C33333", "in", "2026-12-01T10:01:00+08:00", 0.97);
        read("cam-2", "京B22222", "out", "2026-12-01T11:00:00+08:00", 0.97);
        read("cam-2", "京C33333", "out", "2026-12-01T11:01:00+08:00", 0.97);
        ParkingSettings twoPerBatch = new ParkingSettings(SETTINGS.pairing(), 2,
                SETTINGS.interval());

        ParkingDerivation.Run run = new ParkingDerivation(work, twoPerBatch, VisitorTariffs.fixed(TARIFF),
                ActiveContracts.NONE).runOnce(at("2026-12-20T00:00:00+08:00"));

        assertThat(run).isEqualTo(new ParkingDerivation.Run(4, 2, 0));
    }

    @Test
    void aTariffAddedForTheCommunityPricesTheVisitsAfterItsStartAndContractHoldersParkAsContract() {
        BillingSettings billing = new BillingSettings(ZoneId.of("Asia/Shanghai"),
                Map.of(TariffKind.VISITOR_PARKING, new Tariff.VisitorParking(30, 300, 2_000)), 6, 70, 15);
        TestClock clock = new TestClock(at("2026-11-30T12:00:00+08:00"));
        Tariffs tariffs = Tariffs.create(billing, clock);
        Contracts contracts = Contracts.create(tariffs, billing, (tx, community, id) -> false, clock);
        TestSql.execute(database.dataSource(), """
                INSERT INTO parking_spaces (id, community_id, number, kind, ownership)
                  VALUES (1, 'elm-court', 'B-001', 'underground', 'developer');
                """);
        work.inTransaction("tariffs and contract", tx -> {
            Map<SpaceKind, Long> rent = Map.of(SpaceKind.SURFACE, 10_000L, SpaceKind.UNDERGROUND, 20_000L,
                    SpaceKind.MECHANICAL, 15_000L);
            tariffs.add(tx, new NewTariff(Fixtures.COMMUNITY, LocalDate.parse("2026-11-01"), new Tariff.SpaceRent(
                    Map.of(Term.MONTHLY, rent, Term.QUARTERLY, rent, Term.YEARLY, rent)), "pia"));
            tariffs.add(tx, new NewTariff(Fixtures.COMMUNITY, LocalDate.parse("2026-12-02"),
                    new Tariff.VisitorParking(15, 800, 5_000), "pia"));
            // household 1 (京A11111) rents a space from 2 December: from then on it parks under its contract
            contracts.sign(tx, new NewContract(Fixtures.COMMUNITY, 1, 1, Term.MONTHLY, 1, LocalDate.parse("2026-12-02"),
                    null, "pia"));
            return null;
        });
        read("cam-1", "京B22222", "in", "2026-12-01T10:00:00+08:00", 0.97);
        read("cam-2", "京B22222", "out", "2026-12-01T12:10:00+08:00", 0.97);
        read("cam-1", "京A11111", "in", "2026-12-01T13:00:00+08:00", 0.97);
        read("cam-2", "京A11111", "out", "2026-12-01T14:00:00+08:00", 0.97);
        read("cam-1", "京B22222", "in", "2026-12-02T10:00:00+08:00", 0.97);
        read("cam-2", "京B22222", "out", "2026-12-02T12:10:00+08:00", 0.97);
        read("cam-1", "京A11111", "in", "2026-12-02T13:00:00+08:00", 0.97);
        read("cam-2", "京A11111", "out", "2026-12-02T14:00:00+08:00", 0.97);

        // two reads per batch: each visit is priced in its own batch, the contract looked up on its day
        ParkingSettings twoPerBatch = new ParkingSettings(SETTINGS.pairing(), 2,
                SETTINGS.interval());
        ParkingDerivation derivation = new ParkingDerivation(work, twoPerBatch, UsageTariffs.visitorParking(tariffs),
                ContractedHouseholds.of(contracts, billing.zone()));
        for (int i = 0; i < 4; i++) {
            derivation.runOnce(at("2026-12-02T20:00:00+08:00"));
        }

        // 1 Dec: billing's default, three started hours at 3 CNY; 2 Dec: the community's tariff, at 8 CNY
        assertThat(rows("SELECT plate, (exit_ts AT TIME ZONE 'Asia/Shanghai')::date, exemption, amount_fen "
                + "FROM parking_visits ORDER BY exit_ts")).containsExactly("京B22222 2026-12-01 none 900",
                        "京A11111 2026-12-01 household 0", "京B22222 2026-12-02 none 2400",
                        "京A11111 2026-12-02 contract 0");
    }

    private static ParkingDerivation derivation(VisitorTariffs tariffs) {
        return new ParkingDerivation(work, SETTINGS, tariffs, ActiveContracts.NONE);
    }

    /** Stores a plate_read event as ingest normalises it. */
    private static void read(String device, String plate, String direction, String ts, double confidence) {
        String payload = "{\"kind\":\"plate_read\",\"ts\":\"%s\",\"v\":1,\"plate\":%s,\"direction\":\"%s\",\"gateId\":\"g-%s\",\"confidence\":%s,\"readable\":%s}"
                .formatted(at(ts), plate == null ? "null" : "\"" + plate + "\"", direction, device, confidence, plate != null);
        work.inTransaction("test events", tx -> tx.update(
                "INSERT INTO device_events (ts, device_id, kind, payload) VALUES (?, ?, 'plate_read', ?::jsonb)",
                at(ts), device, payload));
    }

    private static List<String> rows(String sql) {
        return TestSql.rows(database.dataSource(), sql);
    }

    private static Instant at(String ts) {
        return OffsetDateTime.parse(ts).toInstant();
    }

}
