package org.anju.platform.parcels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.anju.error.ClientError;
import org.anju.platform.billing.BillableItem;
import org.anju.platform.billing.BillingSettings;
import org.anju.platform.billing.NewTariff;
import org.anju.platform.billing.Stream;
import org.anju.platform.billing.Tariff;
import org.anju.platform.billing.TariffKind;
import org.anju.platform.billing.Tariffs;
import org.anju.platform.privacy.EventSecrets;
import org.anju.platform.query.ListLimits;
import org.anju.platform.storage.Database;
import org.anju.platform.storage.UnitOfWork;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.TestClock;
import org.anju.platform.testing.TestDatabases;
import org.anju.platform.testing.TestDatabases.TestDatabase;
import org.anju.platform.testing.TestSql;
import org.anju.protocol.catalogue.Sensitivity;

/**
 * Parcels derived from stored locker events on a migrated database: the household found by the
 * recipient's phone hash, unmatched deposits, duplicates once, pickups of empty compartments
 * skipped, overdue fees by the community's own tariff only, and the reads that open the
 * pickup code for the household only.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ParcelDerivationIT {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Instant T = Instant.parse("2026-12-01T02:00:00Z");
    private static final LocalDate DAY = LocalDate.parse("2026-12-01");
    /** The platform's clock: when the derivation runs (and so settles a pickup's fee). */
    private static final TestClock CLOCK = new TestClock(T);
    private static TestDatabase db;
    private static Database database;
    private static UnitOfWork work;
    private static EventSecrets secrets;
    private static Tariffs tariffs;
    private static Parcels parcels;

    @BeforeAll
    static void migrate(@TempDir Path dir) throws Exception {
        db = TestDatabases.primary().create();
        database = Database.open(db.settings());
        work = database.work();
        secrets = EventSecrets.load(Base64.getEncoder().encodeToString(new byte[32]), dir);
        tariffs = Tariffs.create(new BillingSettings(ZONE, Map.of(TariffKind.PARCEL_OVERDUE,
                new Tariff.ParcelOverdue(24, 12, 50, 300)), 6, 70, 15), new TestClock(T));
        parcels = new Parcels(work, secrets);
        new Fixtures(database.dataSource()).device("locker-1", "parcel_locker", "secret-1")
                .device("cam-1", "camera", "secret-2")
                .propertyUser("rita", "rita-password", "resident").propertyUser("otis", "otis-password", "resident")
                .twoHouseholds("rita", "otis");
    }

    @AfterAll
    static void drop() {
        database.close();
        db.close();
    }

    @BeforeEach
    void empty() {
        TestSql.execute(database.dataSource(), "TRUNCATE device_events, parcels, parcel_cursor, parcel_recipients, "
                + "tariffs CASCADE;");
        parcels.registerPhone("rita", "138 0013 8000", DAY, T);
    }

    @Test
    void aDepositForARegisteredPhoneWaitsForItsHouseholdWithItsCodeAndOthersAreUnmatched() {
        deposit("A01", "13800138000", "83920571", T);
        deposit("A02", null, "11112222", T);
        deposit("A03", "13900000000", "33334444", T);

        assertThat(derivation().runOnce()).isEqualTo(new ParcelDerivation.Run(3, 3, 0, 0));

        assertThat(rows("SELECT compartment, coalesce(household_id, 0), state, free_until FROM parcels ORDER BY compartment"))
                .containsExactly("A01 1 waiting 2026-12-02 02:00:00+00", "A02 0 waiting 2026-12-02 02:00:00+00",
                        "A03 0 waiting 2026-12-02 02:00:00+00");
        assertThat(rows("SELECT count(*) FROM parcels WHERE pickup_code LIKE '%83920571%' OR recipient_hash LIKE '%138%'"))
                .containsExactly("0");
        Parcels.Mine rita = parcels.ofResident("rita", DAY, T.plusSeconds(60));
        assertThat(rita.phoneLast4()).isEqualTo("8000");
        assertThat(rita.items()).singleElement().satisfies(p -> {
            assertThat(p.compartment()).isEqualTo("A01");
            assertThat(p.pickupCode()).isEqualTo("83920571");
            assertThat(p.trackingNumber()).isNull();
            assertThat(p.location().location()).isEqualTo("Corridor");
            assertThat(p.overdue()).isFalse();
        });
        assertThat(parcels.ofResident("otis", DAY, T).items()).isEmpty();
        // the staff list never opens a code, and finds the unmatched ones
        assertThat(parcels.ofCommunity(Fixtures.COMMUNITY, "unmatched", page(), T.plusSeconds(60)).items())
                .extracting(ParcelView::compartment).containsExactly("A03", "A02");
        assertThat(parcels.ofCommunity(Fixtures.COMMUNITY, "all", page(), T.plusSeconds(60)).items())
                .allSatisfy(p -> assertThat(p.pickupCode()).isNull());
    }

    @Test
    void registeringAPhoneGivesTheHouseholdTheUnmatchedParcelsThatNameIt() {
        deposit("A03", "13900000000", "33334444", T);
        derivation().runOnce();

        Parcels.Mine otis = parcels.registerPhone("otis", "+86 139-0000-0000", DAY, T);

        assertThat(otis.items()).extracting(ParcelView::pickupCode).containsExactly("33334444");
        assertThatThrownBy(() -> parcels.registerPhone("otis", "12345", DAY, T)).isInstanceOf(ClientError.class)
                .hasMessageContaining("mainland mobile number");
    }

    @Test
    void duplicatesCountOnceAndPickupsOfEmptyCompartmentsAreSkipped() {
        deposit("A01", "13800138000", "83920571", T);
        deposit("A01", "13800138000", "83920571", T);
        event("pickup", T.plusSeconds(600), "{\"kind\":\"pickup\",\"compartment\":\"B09\",\"pickupCode\":\"%s\"}"
                .formatted(seal("00000000")));
        cameraEvent(T);
        ParcelDerivation derivation = derivation();

        // a camera's event of the same kind is no parcel
        assertThat(derivation.runOnce()).isEqualTo(new ParcelDerivation.Run(4, 1, 0, 2));
        assertThat(derivation.runOnce()).isEqualTo(new ParcelDerivation.Run(0, 0, 0, 0));
        pickup("A01", T.plusSeconds(3_600));
        pickup("A01", T.plusSeconds(3_700));

        assertThat(derivation.runOnce()).isEqualTo(new ParcelDerivation.Run(2, 0, 1, 1));
        assertThat(rows("SELECT state, picked_up_at, coalesce(fee_fen, -1) FROM parcels"))
                .containsExactly("picked_up 2026-12-01 03:00:00+00 0");
        assertThat(parcels.ofResident("rita", DAY, T.plusSeconds(7_200)).items()).singleElement()
                .satisfies(p -> {
                    assertThat(p.state()).isEqualTo("picked_up");
                    assertThat(p.pickupCode()).isNull();
                });
    }

    @Test
    void anOverdueParcelOwesTheCommunitysOwnTariffAndWithoutOneNothing() {
        // deposited the day before the community's tariff starts: free, however long it stays
        deposit("A02", "13800138000", "55556666", T.minus(Duration.ofDays(1)));
        derivation().runOnce();
        work.inTransaction("tariff", tx -> tariffs.add(tx, new NewTariff(Fixtures.COMMUNITY, DAY,
                new Tariff.ParcelOverdue(24, 12, 50, 300), "pia")));
        deposit("A01", "13800138000", "83920571", T);
        event("overdue", T.plus(Duration.ofHours(25)), "{\"kind\":\"overdue\",\"compartment\":\"A01\",\"storedHours\":25}");
        derivation().runOnce();

        Instant later = T.plus(Duration.ofHours(50));
        assertThat(parcels.ofResident("rita", DAY, later).items()).extracting(p -> p.compartment() + " " + p.state() + " "
                + p.overdue() + " " + p.feeFen()).containsExactly("A01 overdue true 150", "A02 waiting true 0");
        assertThat(parcels.ofCommunity(Fixtures.COMMUNITY, "overdue", page(), later).items()).hasSize(2);

        // 50 h stored: 26 h past the free 24 h are three 12-hour periods begun, 150 fen; the locker
        // was offline and its pickups reach the platform a day later
        pickup("A01", later);
        pickup("A02", later);
        Instant reported = later.plus(Duration.ofDays(1));
        CLOCK.set(reported);
        try {
            derivation().runOnce();
        } finally {
            CLOCK.set(T);
        }

        assertThat(rows("SELECT compartment, fee_fen FROM parcels ORDER BY compartment")).containsExactly("A01 150", "A02 0");
        // billed by when the platform settled the fee: a run made before the pickups were reported
        // (its window ends then) does not see them, the next run's window does
        List<BillableItem> beforeReported = work.read("items", tx -> parcels.items(tx, Fixtures.COMMUNITY, T, reported));
        assertThat(beforeReported).isEmpty();
        List<BillableItem> items = work.read("items", tx -> parcels.items(tx, Fixtures.COMMUNITY, reported,
                reported.plusSeconds(1)));
        assertThat(items).singleElement().satisfies(item -> {
            assertThat(item.stream()).isEqualTo(Stream.PARCEL);
            assertThat(item.sourceId()).startsWith("parcel:");
            assertThat(item.householdId()).isEqualTo(1);
            assertThat(item.amountFen()).isEqualTo(150);
            assertThat(item.occurredAt()).isEqualTo(reported);
        });
    }

    @Test
    void aDepositIntoACompartmentStillHoldingAParcelEndsTheEarlierOne() {
        deposit("A01", "13800138000", "83920571", T);
        deposit("A01", null, "99990000", T.plusSeconds(3_600));

        assertThat(derivation().runOnce()).isEqualTo(new ParcelDerivation.Run(2, 2, 0, 0));
        assertThat(rows("SELECT coalesce(household_id, 0), state FROM parcels ORDER BY id"))
                .containsExactly("1 picked_up", "0 waiting");
    }

    private static ParcelDerivation derivation() {
        return new ParcelDerivation(work, tariffs, ZONE, CLOCK);
    }

    private static org.anju.platform.query.ListRequest page() {
        // the last 30 days up to a day after the deposits
        return new ListLimits("parcels", Duration.ofDays(30), Duration.ofDays(365), 50, 500)
                .request(name -> null, T.plus(Duration.ofDays(3)), Long.class);
    }

    private static void deposit(String compartment, String phone, String code, Instant at) {
        String recipient = phone == null ? "" : ",\"recipientPhone\":\"" + secrets.matchKey("recipientPhone", phone) + "\"";
        event("deposit", at, """
                {"kind":"deposit","compartment":"%s","pickupCode":"%s","courier":"SF","trackingNumber":"SF1"%s}"""
                .formatted(compartment, seal(code), recipient));
    }

    private static void pickup(String compartment, Instant at) {
        event("pickup", at, "{\"kind\":\"pickup\",\"compartment\":\"%s\",\"pickupCode\":\"%s\"}"
                .formatted(compartment, seal("00000000")));
    }

    private static void cameraEvent(Instant at) {
        work.inTransaction("test events", tx -> tx.update("INSERT INTO device_events (ts, device_id, kind, payload) "
                + "VALUES (?, 'cam-1', 'deposit', '{\"kind\":\"deposit\",\"compartment\":\"X\"}'::jsonb)", at));
    }

    private static String seal(String code) {
        return secrets.seal("pickupCode", Sensitivity.SECRET, code);
    }

    private static void event(String kind, Instant at, String payload) {
        work.inTransaction("test events", tx -> tx.update(
                "INSERT INTO device_events (ts, device_id, kind, payload) VALUES (?, 'locker-1', ?, ?::jsonb)", at, kind,
                payload));
    }

    private static List<String> rows(String sql) {
        return TestSql.rows(database.dataSource(), sql);
    }
}
