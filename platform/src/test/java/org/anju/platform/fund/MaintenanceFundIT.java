package org.anju.platform.fund;

import static org.anju.platform.testing.AtOnce.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.error.ClientError;
import org.anju.platform.audit.AuditEntry;
import org.anju.platform.auth.Principal;
import org.anju.platform.auth.Role;
import org.anju.platform.delivery.Outbox;
import org.anju.platform.ledger.Account;
import org.anju.platform.ledger.AccountKind;
import org.anju.platform.ledger.Ledger;
import org.anju.platform.registry.Registrar;
import org.anju.platform.storage.Database;
import org.anju.platform.testing.AtOnce;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.TestClock;
import org.anju.platform.testing.TestDatabases;
import org.anju.platform.testing.TestDatabases.TestDatabase;
import org.anju.platform.testing.TestSql;
import org.anju.platform.votes.Motions;

/**
 * The maintenance fund against a real database and the real ledger: first deposits by area,
 * expenses justified by an approved resolution or an emergency alert and shared to the fen,
 * replenishment notices once per crossing, replays and concurrent duplicates that post once, and
 * who may read a household's account. Each test has a community of its own.
 */
@Timeout(120)
class MaintenanceFundIT {

    private static final Instant T0 = Instant.parse("2026-12-01T02:00:00Z");
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static TestDatabase db;
    private static Database database;
    private static Vertx vertx;
    private static Registrar registrar;
    private static int communities;
    private final TestClock clock = new TestClock(T0);
    private final Ledger ledger = Ledger.create();
    private MaintenanceFund fund;
    private Motions motions;
    private String community;
    private Principal admin;
    private long[] households;

    @BeforeAll
    static void database() {
        db = TestDatabases.primary().create();
        database = Database.open(db.settings());
        Fixtures fixtures = new Fixtures(database.dataSource());
        registrar = fixtures.registrar();
        for (String name : List.of("ann", "bob", "cai", "tom")) {
            fixtures.user(name, name, name + "-password-long", Fixtures.TENANT, Set.of("resident"), Set.of());
        }
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void drop() {
        vertx.close();
        database.close();
        db.close();
    }

    /**
     * Makes a community with three households of 60, 90 and 150 m², owned by ann, bob and cai (tom
     * rents the first), and a fund of 50.00 CNY per m²: first deposits 3,000, 4,500 and 7,500 CNY.
     */
    private void community() {
        community = "fund-" + (++communities);
        registrar.community(new Registrar.Community(community, Fixtures.TENANT, "Fund " + communities, "1 Road", null,
                null));
        registrar.building(new Registrar.Building(community + "-b1", community, "Building 1", 6, 1));
        admin = new Principal("pia", "pia", Fixtures.TENANT, Set.of(Role.PROPERTY_ADMIN), Set.of(community));
        households = new long[3];
        String[] owners = {"ann", "bob", "cai"};
        String[] areas = {"60.00", "90.00", "150.00"};
        for (int i = 0; i < 3; i++) {
            households[i] = Long.parseLong(TestSql.rows(database.dataSource(), """
                    INSERT INTO households (community_id, building_id, floor, number, private_area_m2)
                    VALUES (?, ?, 1, ?, ?::numeric) RETURNING id""", community, community + "-b1", "10" + i, areas[i])
                    .get(0));
            TestSql.execute(database.dataSource(), "INSERT INTO household_members (household_id, username, relation, since)"
                    + " VALUES (" + households[i] + ", '" + owners[i] + "', 'owner', '2020-01-01')");
        }
        TestSql.execute(database.dataSource(), "INSERT INTO household_members (household_id, username, relation, since)"
                + " VALUES (" + households[0] + ", 'tom', 'tenant', '2025-01-01')");
        fund = new MaintenanceFund(database.work(), ledger, new Outbox(vertx), clock, ZONE);
        motions = new Motions(database.work(), new Outbox(vertx), clock, ZONE);
        fund.putSettings(admin, community, new JsonObject().put("firstDepositFenPerM2", 5_000), audit());
    }

    @Test
    void firstDepositsAreRateTimesAreaOnceAndTheStatementAddsUp() {
        community();

        FundViews.FirstDeposits first = fund.collectFirstDeposits(admin, community, audit());
        FundViews.FirstDeposits again = fund.collectFirstDeposits(admin, community, audit());

        assertThat(first).isEqualTo(new FundViews.FirstDeposits(3, 1_500_000));
        assertThat(again).isEqualTo(new FundViews.FirstDeposits(0, 0));
        FundViews.Statement statement = fund.statement(admin, community);
        assertThat(statement.totalFen()).isEqualTo(1_500_000);
        assertThat(statement.households()).extracting(FundViews.Household::balanceFen)
                .containsExactly(300_000L, 450_000L, 750_000L);
        assertThat(bank()).as("the bank holds what the households' accounts hold").isEqualTo(1_500_000);
    }

    @Test
    void anExpenseNeedsAnApprovedFundUseResolutionAndIsSharedByAreaToTheFen() {
        community();
        fund.collectFirstDeposits(admin, community, audit());
        long rejected = closedMotion("fund_use", "no");
        long raising = closedMotion("fund_raising", "yes");
        long approved = closedMotion("fund_use", "yes");

        assertRefused(() -> fund.recordExpense(admin, community, expense("lift-1", 100_001).put("motionId", rejected),
                audit()), ClientError.CONFLICT);
        assertRefused(() -> fund.recordExpense(admin, community, expense("lift-1", 100_001).put("motionId", raising),
                audit()), ClientError.CONFLICT);
        FundViews.Expense paid = fund.recordExpense(admin, community,
                expense("lift-1", 100_001).put("motionId", approved), audit());

        // 1000.01 CNY over 60, 90 and 150 m²: 200.002, 300.003, 500.005 -> 20000, 30000, 50000 and the
        // 1 fen left to the largest remainder (0.5 of household 3)
        assertThat(paid.shares()).extracting(FundViews.Share::amountFen).containsExactly(20_000L, 30_000L, 50_001L);
        assertThat(fund.statement(admin, community).totalFen()).isEqualTo(1_500_000 - 100_001);
        assertThat(bank()).isEqualTo(1_500_000 - 100_001);
        // the same reference again is the same expense, posted once; with another amount a conflict
        assertThat(fund.recordExpense(admin, community, expense("lift-1", 100_001).put("motionId", approved), audit())
                .id()).isEqualTo(paid.id());
        assertThat(bank()).isEqualTo(1_500_000 - 100_001);
        assertRefused(() -> fund.recordExpense(admin, community, expense("lift-1", 5).put("motionId", approved),
                audit()), ClientError.CONFLICT);
    }

    @Test
    void anEmergencyExpenseNeedsAnAlertOfItsKindInTheCommunity() {
        community();
        fund.collectFirstDeposits(admin, community, audit());
        long overtravel = alert(community, "elevator_fault.10");
        long doorFault = alert(community, "elevator_fault.02");
        long elsewhere = alert(Fixtures.COMMUNITY, "elevator_fault.09");

        for (long alert : new long[] {doorFault, elsewhere}) {
            assertRefused(() -> fund.recordExpense(admin, community, expense("brake-" + alert, 30_000)
                    .put("emergency", "elevator_overtravel").put("alertId", alert), audit()), ClientError.CONFLICT);
        }
        assertRefused(() -> fund.recordExpense(admin, community, expense("brake", 30_000)
                .put("emergency", "fire_facility_failed").put("alertId", overtravel), audit()), ClientError.CONFLICT);
        assertRefused(() -> fund.recordExpense(admin, community, expense("brake", 30_000)
                .put("emergency", "elevator_overtravel"), audit()), ClientError.BAD_REQUEST);

        FundViews.Expense paid = fund.recordExpense(admin, community, expense("brake", 30_000)
                .put("emergency", "elevator_overtravel").put("alertId", overtravel), audit());
        assertThat(paid.alertId()).isEqualTo(overtravel);
        assertThat(paid.shares()).extracting(FundViews.Share::amountFen).containsExactly(6_000L, 9_000L, 15_000L);
    }

    @Test
    void aReplenishmentNoticeGoesOutOncePerCrossingBelowThirtyPercent() {
        community();
        fund.collectFirstDeposits(admin, community, audit());
        long approved = closedMotion("fund_use", "yes");

        // 10,500 CNY takes every household to exactly 30 % (900, 1350, 2250 CNY left): not below
        fund.recordExpense(admin, community, expense("roof", 1_050_000).put("motionId", approved), audit());
        assertThat(notices()).isEmpty();
        // 1.00 CNY more: all three below, one notice each
        fund.recordExpense(admin, community, expense("gutter", 100).put("motionId", approved), audit());
        assertThat(notices()).containsExactlyInAnyOrder(households[0], households[1], households[2]);
        // further expenses below the threshold send nothing more
        fund.recordExpense(admin, community, expense("paint", 100).put("motionId", approved), audit());
        assertThat(notices()).hasSize(3);
        // ann tops up 100 CNY (to 999.60 CNY, above 900); the next expense takes her below again, alone
        fund.deposit(admin, community, new JsonObject().put("householdId", households[0]).put("amountFen", 10_000)
                .put("reference", "ann-topup"), audit());
        fund.recordExpense(admin, community, expense("door", 100_000).put("motionId", approved), audit());
        assertThat(notices()).hasSize(4).filteredOn(h -> h == households[0]).hasSize(2);
    }

    @Test
    void concurrentDuplicatesOfAnExpensePostOnce() throws Exception {
        community();
        fund.collectFirstDeposits(admin, community, audit());
        long approved = closedMotion("fund_use", "yes");
        List<Callable<Object>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> fund.recordExpense(admin, community, expense("pump", 90_000).put("motionId", approved),
                    audit()).id());
        }

        List<Object> ids = AtOnce.run(calls);

        assertThat(ids).hasSize(8).allMatch(ids.get(0)::equals);
        assertThat(bank()).isEqualTo(1_500_000 - 90_000);
    }

    @Test
    void incomeIsSharedIntoTheFundByArea() {
        community();
        fund.collectFirstDeposits(admin, community, audit());
        Account income = Account.community(community, AccountKind.FUND_INCOME);

        List<FundViews.Share> shares = database.work().inTransaction("test", tx -> {
            ledger.post(tx, new org.anju.platform.ledger.JournalEntry("test:income", community, "space rent share",
                    List.of(org.anju.platform.ledger.Posting.debit(Account.community(community, AccountKind.BANK), 1_001),
                            org.anju.platform.ledger.Posting.credit(income, 1_001))));
            fund.allocateIncome(tx, income, 1_001, "test:allocate", "common-area rent share");
            return fund.allocateIncome(tx, income, 1_001, "test:allocate", "common-area rent share");
        });

        assertThat(shares).extracting(FundViews.Share::amountFen).containsExactly(200L, 300L, 501L);
        long left = database.work().read("test", tx -> ledger.balance(tx, income));
        assertThat(left).isZero();
        assertThat(fund.statement(admin, community).totalFen()).isEqualTo(1_500_000 + 1_001);
    }

    @Test
    void aHouseholdsFundIsSeenByItsMembersAndStaffOnly() {
        community();
        fund.collectFirstDeposits(admin, community, audit());

        assertThat(fund.household(resident("ann"), households[0]).balanceFen()).isEqualTo(300_000);
        assertThat(fund.household(resident("tom"), households[0]).firstDepositFen()).isEqualTo(300_000);
        assertRefused(() -> fund.household(resident("ann"), households[1]), ClientError.NOT_FOUND);
        assertRefused(() -> fund.statement(resident("ann"), community), ClientError.FORBIDDEN);
        Principal otherStaff = new Principal("otto", "otto", Fixtures.TENANT, Set.of(Role.OPERATOR),
                Set.of(Fixtures.COMMUNITY));
        assertRefused(() -> fund.household(otherStaff, households[1]), ClientError.FORBIDDEN);
        assertRefused(() -> fund.deposit(otherStaff, community, new JsonObject(), audit()), ClientError.FORBIDDEN);
        assertRefused(() -> fund.deposit(admin, community, new JsonObject().put("householdId", households[0])
                .put("amountFen", -5).put("reference", "x"), audit()), ClientError.BAD_REQUEST);
    }

    /** Opens a motion of the kind, has every household vote {@code choice}, and closes it. */
    private long closedMotion(String kind, String choice) {
        long id = motions.create(admin, community, new JsonObject().put("kind", kind).put("title", kind)
                .put("votingDays", 1), audit()).id();
        motions.open(admin, id, audit());
        String[] owners = {"ann", "bob", "cai"};
        for (int i = 0; i < 3; i++) {
            motions.cast(resident(owners[i]), id, new JsonObject().put("householdId", households[i]).put("choice", choice));
        }
        clock.advance(Duration.ofDays(1));
        assertThat(motions.get(admin, id).status()).isEqualTo("closed");
        return id;
    }

    private long alert(String where, String type) {
        String device = where + "-lift-" + type.replace('.', '-');
        registrar.device(new Registrar.Device(device, Fixtures.TENANT, where, "elevator", "Lift", null, null, null,
                null, null));
        return Long.parseLong(TestSql.rows(database.dataSource(), """
                INSERT INTO alerts (tenant_id, community_id, address, device_id, device_type, type, severity, fire, status,
                                    opened_at, first_seen, last_seen)
                VALUES (?, ?, 'Lift', ?, 'elevator', ?, 'critical', false, 'open', now(), now(), now()) RETURNING id""",
                Fixtures.TENANT, where, device, type).get(0));
    }

    private List<Long> notices() {
        return TestSql.rows(database.dataSource(), "SELECT payload ->> 'householdId' FROM notifications WHERE topic = ?"
                + " AND community_id = ? ORDER BY id", FundEntries.REPLENISHMENT_TOPIC, community).stream()
                .map(Long::parseLong).toList();
    }

    private long bank() {
        return database.work().<Long>read("test", tx -> ledger.balance(tx, Account.community(community, AccountKind.BANK)));
    }

    private static JsonObject expense(String reference, long fen) {
        return new JsonObject().put("reference", reference).put("amountFen", fen).put("description", "repair " + reference);
    }

    private Principal resident(String name) {
        return new Principal(name, name, Fixtures.TENANT, Set.of(Role.RESIDENT), Set.of());
    }

    private static AuditEntry audit() {
        return AuditEntry.of("fund.test", "pia", Fixtures.TENANT, null, "test");
    }
}
