package org.anju.platform.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.error.AnjuException;
import org.anju.error.ClientError;
import org.anju.platform.storage.Database;
import org.anju.platform.storage.UnitOfWork;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.TestClock;
import org.anju.platform.testing.TestDatabases;
import org.anju.platform.testing.TestSql;

/**
 * Rental contracts on a real database: the rent from the tariff, one contract per space at a time
 * (also by the database itself, and for N threads at once), owners first while an owner household
 * waits, the non-owner lease cap, common-area leases needing a resolution, renewal and
 * termination.
 */
@Timeout(120)
class ContractsIT {

    private static final String C = Fixtures.COMMUNITY;
    private static TestDatabases.TestDatabase db;
    private static Database database;
    private static UnitOfWork work;
    private static Contracts contracts;
    private static BillingSettings settings;
    private static Tariffs tariffs;

    // households 1 (owner olga), 2 (owner otto), 3 (tenant tina only); spaces 1..6 developer, 7 common, 8 private of 1
    @BeforeAll
    static void database() {
        db = TestDatabases.primary().create();
        database = Database.open(db.settings());
        Fixtures fixtures = new Fixtures(database.dataSource());
        for (String name : List.of("olga", "otto", "tina")) {
            fixtures.user(name, name, name + "-password", Fixtures.TENANT, Set.of("resident"), Set.of(C));
        }
        TestSql.execute(database.dataSource(), """
                INSERT INTO households (id, community_id, building_id, floor, number, private_area_m2) VALUES
                    (1, 'elm-court', 'elm-b1', 1, '101', 89.37), (2, 'elm-court', 'elm-b1', 2, '201', 120.00),
                    (3, 'elm-court', 'elm-b1', 3, '301', 60.50);
                INSERT INTO household_members (household_id, username, relation, since) VALUES
                    (1, 'olga', 'owner', '2020-01-01'), (2, 'otto', 'owner', '2020-01-01'), (3, 'tina', 'tenant', '2020-01-01');
                INSERT INTO parking_spaces (id, community_id, number, kind, ownership, owner_household_id) VALUES
                    (1, 'elm-court', 'B-001', 'underground', 'developer', null), (2, 'elm-court', 'B-002', 'underground', 'developer', null),
                    (3, 'elm-court', 'B-003', 'underground', 'developer', null), (4, 'elm-court', 'B-004', 'surface', 'developer', null),
                    (5, 'elm-court', 'B-005', 'surface', 'developer', null), (6, 'elm-court', 'B-006', 'mechanical', 'developer', null),
                    (7, 'elm-court', 'R-001', 'surface', 'common', null), (8, 'elm-court', 'P-001', 'surface', 'private', 1);
                """);
        settings = new BillingSettings(ZoneId.of("Asia/Shanghai"), Map.of(), 6, 70, 15);
        tariffs = Tariffs.create(settings, new TestClock(Instant.parse("2026-12-05T00:00:00Z")));
        work = database.work();
        work.inTransaction("tariffs", tx -> tariffs.add(tx, new NewTariff(C, LocalDate.parse("2026-01-01"),
                new Tariff.SpaceRent(Map.of(
                        Term.MONTHLY, Map.of(SpaceKind.SURFACE, 20_000L, SpaceKind.UNDERGROUND, 35_000L, SpaceKind.MECHANICAL, 25_000L),
                        Term.QUARTERLY, Map.of(SpaceKind.SURFACE, 57_000L, SpaceKind.UNDERGROUND, 100_000L, SpaceKind.MECHANICAL, 72_000L),
                        Term.YEARLY, Map.of(SpaceKind.SURFACE, 220_000L, SpaceKind.UNDERGROUND, 380_000L, SpaceKind.MECHANICAL, 270_000L))),
                "pia")));
        contracts = Contracts.create(tariffs, settings, (tx, community, id) -> id == 42, new TestClock(Instant.parse("2026-12-05T00:00:00Z")));
    }

    @AfterAll
    static void drop() {
        database.close();
        db.close();
    }

    private static Contract sign(long space, long household, Term term, int periods, String from, Long resolution) {
        return work.inTransaction("contracts", tx -> contracts.sign(tx, new NewContract(C, space, household, term, periods,
                LocalDate.parse(from), resolution, "pia")));
    }

    private static void refused(Runnable call, int code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ClientError.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessageContaining(message);
    }

    @Test
    void aContractTakesTheRentOfItsKindAndTermAndATakenSpaceIs409NamingTheContract() {
        Contract quarterly = sign(1, 1, Term.QUARTERLY, 2, "2027-01-31", null);

        assertThat(quarterly.periodFen()).isEqualTo(100_000);
        assertThat(quarterly.endsOn()).isEqualTo(LocalDate.parse("2027-07-31"));
        assertThat(quarterly.ownerHousehold()).isTrue();
        refused(() -> sign(1, 2, Term.MONTHLY, 1, "2027-07-30", null), 409, "is taken by contract " + quarterly.id());
        // the day it ends, the space is free again
        assertThat(sign(1, 2, Term.MONTHLY, 1, "2027-07-31", null).startsOn()).isEqualTo(LocalDate.parse("2027-07-31"));
    }

    @Test
    void theDatabaseItselfRefusesTwoContractsOfOneSpaceAtOnce() {
        sign(6, 1, Term.MONTHLY, 1, "2027-03-01", null);

        assertThatThrownBy(() -> TestSql.execute(database.dataSource(), """
                INSERT INTO rental_contracts (community_id, space_id, household_id, owner_household, term, period_fen,
                    starts_on, ends_on, created_by)
                VALUES ('elm-court', 6, 2, true, 'monthly', 1, '2027-03-15', '2027-04-15', 'sql')"""))
                .hasMessageContaining("rental_contracts_one_per_space");
    }

    @Test
    void nThreadsSigningOneSpaceMakeOneContract() throws Exception {
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Contract>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                long household = 1 + i % 2;
                answers.add(pool.submit(() -> {
                    start.await();
                    return sign(2, household, Term.MONTHLY, 1, "2027-05-01", null);
                }));
            }
            start.countDown();
            int made = 0;
            int conflicts = 0;
            for (Future<Contract> answer : answers) {
                try {
                    answer.get(60, TimeUnit.SECONDS);
                    made++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOfSatisfying(AnjuException.class,
                            x -> assertThat(x.code()).isEqualTo(409));
                    conflicts++;
                }
            }
            assertThat(made).isEqualTo(1);
            assertThat(conflicts).isEqualTo(threads - 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void whileAnOwnerWaitsNoSpaceIsLeasedToANonOwner() {
        work.inTransaction("contracts", tx -> {
            contracts.waitForSpace(tx, C, 2, LocalDate.parse("2026-12-05"));
            return null;
        });
        refused(() -> sign(3, 3, Term.MONTHLY, 1, "2027-02-01", null), 409, "owner household 2 of community elm-court waits");
        refused(() -> work.inTransaction("contracts", tx -> {
            contracts.waitForSpace(tx, C, 3, LocalDate.parse("2026-12-05"));
            return null;
        }), 409, "household 3 has no owner");

        // the owner gets a space and leaves the list; then the tenant may lease
        sign(3, 2, Term.MONTHLY, 1, "2027-02-01", null);
        List<Long> waiting = work.read("contracts", tx -> contracts.waiting(tx, C));
        assertThat(waiting).isEmpty();
        assertThat(sign(4, 3, Term.MONTHLY, 6, "2027-02-01", null).ownerHousehold()).isFalse();
    }

    @Test
    void leasesToNonOwnersAreCappedAndCommonAreaNeedsAResolution() {
        refused(() -> sign(5, 3, Term.QUARTERLY, 3, "2028-01-01", null), 409, "at most 6 months");
        refused(() -> sign(7, 3, Term.MONTHLY, 1, "2028-01-01", null), 400, "resolutionId is required");
        refused(() -> sign(7, 3, Term.MONTHLY, 1, "2028-01-01", 41L), 409, "resolution 41 does not allow");
        assertThat(sign(7, 3, Term.MONTHLY, 1, "2028-01-01", 42L).resolutionId()).isEqualTo(42L);
        refused(() -> sign(8, 2, Term.MONTHLY, 1, "2028-01-01", null), 409, "privately owned by household 1");
    }

    @Test
    void aCommonAreaLeaseNeedsAnApprovedClosedCommonPartsResolutionOfTheSameCommunity() {
        // motions 101-106 as the owners' vote leaves them: only 101 allows leasing elm-court's common parts
        TestSql.execute(database.dataSource(), """
                INSERT INTO motions (id, tenant_id, community_id, kind, title, voting_days, status, created_by, created_at,
                    opened_at, closes_at, closed_at, outcome) VALUES
                  (101, 'acme', 'elm-court', 'common_parts_business', 'lease R-001', 7, 'closed', 'pia', now(), now(), now(), now(), 'approved'),
                  (102, 'acme', 'elm-court', 'common_parts_business', 'lease R-001', 7, 'closed', 'pia', now(), now(), now(), now(), 'rejected'),
                  (103, 'acme', 'elm-court', 'common_parts_business', 'lease R-001', 7, 'open', 'pia', now(), now(), now(), NULL, NULL),
                  (104, 'acme', 'elm-court', 'fund_use', 'repair', 7, 'closed', 'pia', now(), now(), now(), now(), 'approved'),
                  (105, 'acme', 'oak-yard', 'common_parts_business', 'lease', 7, 'closed', 'pia', now(), now(), now(), now(), 'approved'),
                  (106, 'acme', 'elm-court', 'common_parts_business', 'lease R-001', 7, 'closed', 'pia', now(), now(), now(), now(), 'no_quorum');
                """);
        Contracts owners = Contracts.create(tariffs, settings, CommonAreaResolutions.OWNERS, new TestClock(Instant.parse("2026-12-05T00:00:00Z")));

        for (long refusedId : List.of(102L, 103L, 104L, 105L, 106L, 999L)) {
            refused(() -> work.inTransaction("contracts", tx -> owners.sign(tx, new NewContract(C, 7, 3, Term.MONTHLY, 1,
                    LocalDate.parse("2029-01-01"), refusedId, "pia"))), 409, "resolution " + refusedId + " does not allow");
        }
        Contract leased = work.inTransaction("contracts", tx -> owners.sign(tx, new NewContract(C, 7, 3, Term.MONTHLY, 1,
                LocalDate.parse("2029-01-01"), 101L, "pia")));
        assertThat(leased.resolutionId()).isEqualTo(101L);
    }

    @Test
    void aRenewalFollowsOnAndATerminationEndsEarly() {
        Contract first = sign(5, 1, Term.MONTHLY, 1, "2029-01-31", null);
        Contract renewal = work.inTransaction("contracts", tx -> contracts.renew(tx, C, first.id(), 2, "pia"));

        assertThat(renewal.startsOn()).isEqualTo(LocalDate.parse("2029-02-28"));
        assertThat(renewal.endsOn()).isEqualTo(LocalDate.parse("2029-04-28"));
        assertThat(renewal.renewsContractId()).isEqualTo(first.id());

        Contract ended = work.inTransaction("contracts", tx -> contracts.terminate(tx, C, renewal.id(),
                LocalDate.parse("2029-03-10")));
        assertThat(ended.coveredUntil()).isEqualTo(LocalDate.parse("2029-03-10"));
        // the space is free from the termination day
        assertThat(sign(5, 2, Term.MONTHLY, 1, "2029-03-10", null).spaceId()).isEqualTo(5);
        refused(() -> work.inTransaction("contracts", tx -> contracts.terminate(tx, C, renewal.id(),
                LocalDate.parse("2029-03-05"))), 409, "already terminated");
        refused(() -> work.inTransaction("contracts", tx -> contracts.renew(tx, C, renewal.id(), 1, "pia")), 409,
                "was terminated");
    }
}
