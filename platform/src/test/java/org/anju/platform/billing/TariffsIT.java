package org.anju.platform.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.error.ClientError;
import org.anju.error.ServerError;
import org.anju.platform.storage.Database;
import org.anju.platform.storage.UnitOfWork;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.TestClock;
import org.anju.platform.testing.TestDatabases;

/**
 * Tariffs with effective dates on a real database: a change applies from its local date, history
 * stays what it was, overlapping or past changes are 409s naming the tariff, defaults apply
 * until a community has its own, and stored tariffs cannot be changed.
 */
@Timeout(60)
class TariffsIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant NOW = Instant.parse("2026-12-05T04:00:00Z");
    private static TestDatabases.TestDatabase db;
    private static Database database;
    private static UnitOfWork work;
    private static Tariffs tariffs;

    @BeforeAll
    static void database() {
        db = TestDatabases.primary().create();
        database = Database.open(db.settings());
        new Fixtures(database.dataSource());
        work = database.work();
        tariffs = Tariffs.create(new BillingSettings(SHANGHAI, Map.of(TariffKind.VISITOR_PARKING,
                new Tariff.VisitorParking(30, 300, 2000)), 6, 70, 15), new TestClock(NOW));
    }

    @AfterAll
    static void drop() {
        database.close();
        db.close();
    }

    private static StoredTariff add(String community, String from, Tariff tariff) {
        return work.inTransaction("tariffs", tx -> tariffs.add(tx, new NewTariff(community, LocalDate.parse(from),
                tariff, "pia")));
    }

    private static Optional<Tariff.PropertyFee> feeAt(String community, String instant) {
        return work.read("tariffs", tx -> tariffs.tariffAt(tx, community, Tariff.PropertyFee.class,
                Instant.parse(instant)));
    }

    @Test
    void aChangeAppliesFromItsLocalDateAndHistoryStays() {
        String c = Fixtures.COMMUNITY;
        add(c, "2026-01-01", new Tariff.PropertyFee(150));
        add(c, "2027-01-01", new Tariff.PropertyFee(185));

        assertThat(feeAt(c, "2025-12-31T15:59:59Z")).isEmpty();
        // 2026-01-01 00:00 in Shanghai is 2025-12-31 16:00 UTC
        assertThat(feeAt(c, "2025-12-31T16:00:00Z")).contains(new Tariff.PropertyFee(150));
        assertThat(feeAt(c, "2026-12-31T15:59:59Z")).contains(new Tariff.PropertyFee(150));
        assertThat(feeAt(c, "2026-12-31T16:00:00Z")).contains(new Tariff.PropertyFee(185));

        // a change that does not start after the newest overlaps it: 409 naming that tariff
        assertThatThrownBy(() -> add(c, "2027-01-01", new Tariff.PropertyFee(190)))
                .isInstanceOfSatisfying(ClientError.class, e -> assertThat(e.code()).isEqualTo(409))
                .hasMessageContaining("PROPERTY_FEE tariff").hasMessageContaining("in force from 2027-01-01");
        assertThatThrownBy(() -> add(c, "2026-06-01", new Tariff.PropertyFee(170)))
                .isInstanceOfSatisfying(ClientError.class, e -> assertThat(e.code()).isEqualTo(409));
        assertThat(feeAt(c, "2026-07-01T00:00:00Z")).contains(new Tariff.PropertyFee(150));
        List<StoredTariff> listed = work.read("tariffs", tx -> tariffs.list(tx, c, TariffKind.PROPERTY_FEE));
        assertThat(listed).extracting(StoredTariff::effectiveFrom)
                .containsExactly(LocalDate.parse("2026-01-01"), LocalDate.parse("2027-01-01"));
    }

    @Test
    void aChangeMayNotStartInThePastOnceTheKindHasATariff() {
        String c = Fixtures.OTHER_COMMUNITY;
        // the first tariff of a kind may start in the past: records from before Anju
        add(c, "2025-01-01", new Tariff.LateFee(5, 10_000));

        assertThatThrownBy(() -> add(c, "2026-12-04", new Tariff.LateFee(3, 10_000)))
                .isInstanceOfSatisfying(ClientError.class, e -> assertThat(e.code()).isEqualTo(409))
                .hasMessageContaining("effectiveFrom 2026-12-04 is in the past");
        // today (2026-12-05 in Shanghai) is allowed
        assertThat(add(c, "2026-12-05", new Tariff.LateFee(3, 10_000)).effectiveFrom())
                .isEqualTo(LocalDate.parse("2026-12-05"));
    }

    @Test
    void theDefaultAppliesUntilTheCommunityHasItsOwn() {
        String c = Fixtures.OTHER_COMMUNITY;
        Instant at = Instant.parse("2027-03-01T00:00:00Z");
        Optional<Tariff.VisitorParking> before = work.read("tariffs",
                tx -> tariffs.tariffAt(tx, c, Tariff.VisitorParking.class, at));
        assertThat(before).contains(new Tariff.VisitorParking(30, 300, 2000));

        add(c, "2027-02-01", new Tariff.VisitorParking(15, 500, 3000));

        Optional<Tariff.VisitorParking> after = work.read("tariffs",
                tx -> tariffs.tariffAt(tx, c, Tariff.VisitorParking.class, at));
        assertThat(after).contains(new Tariff.VisitorParking(15, 500, 3000));
        Optional<Tariff> none = work.read("tariffs", tx -> tariffs.tariffAt(tx, c, TariffKind.SPACE_RENT, at));
        assertThat(none).isEmpty();
    }

    @Test
    void aStoredTariffCannotBeChanged() {
        StoredTariff stored = add(Fixtures.COMMUNITY, "2030-01-01", new Tariff.ParcelOverdue(24, 12, 50, 300));

        assertThatThrownBy(() -> work.inTransaction("tariffs",
                tx -> tx.update("UPDATE tariffs SET body = '{}' WHERE id = ?", stored.id())))
                .isInstanceOf(ServerError.class);
    }
}
