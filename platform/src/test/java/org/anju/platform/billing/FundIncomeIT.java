package org.anju.platform.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.audit.AuditEntry;
import org.anju.platform.auth.Principal;
import org.anju.platform.auth.Role;
import org.anju.platform.delivery.Outbox;
import org.anju.platform.fund.MaintenanceFund;
import org.anju.platform.ledger.Account;
import org.anju.platform.ledger.AccountKind;
import org.anju.platform.ledger.Ledger;
import org.anju.platform.storage.Database;
import org.anju.platform.storage.UnitOfWork;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.TestClock;
import org.anju.platform.testing.TestDatabases;
import org.anju.platform.testing.TestSql;

/**
 * The fund's share of common-area rent reaches the households' maintenance fund accounts by area
 * in the billing run's transaction (the real {@link MaintenanceFund}), once however often the
 * month is run; a community without a fund keeps it in {@code fund_income}. A credit note of the
 * rent takes the fund's share back from the households, so {@code fund_income} never ends in debit.
 * The credit notes run last: they change the balances the first two tests check.
 */
@Timeout(180)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FundIncomeIT {

    private static final String C = Fixtures.COMMUNITY;
    private static final String OTHER = Fixtures.OTHER_COMMUNITY;
    private static final YearMonth JANUARY = YearMonth.of(2027, 1);
    private static final Ledger LEDGER = Ledger.create();
    private static final TestClock CLOCK = new TestClock(Instant.parse("2027-01-01T01:00:00Z"));
    private static TestDatabases.TestDatabase db;
    private static Database database;
    private static UnitOfWork work;
    private static Vertx vertx;
    private static BillingRuns runs;
    private static CreditNotes creditNotes;

    @BeforeAll
    static void database() {
        db = TestDatabases.primary().create();
        database = Database.open(db.settings());
        work = database.work();
        vertx = Vertx.vertx();
        new Fixtures(database.dataSource()).registrar()
                .building(new org.anju.platform.registry.Registrar.Building("oak-b1", OTHER, "Building 1", 6, 1));
        TestSql.execute(database.dataSource(), """
                INSERT INTO households (id, community_id, building_id, floor, number, private_area_m2) VALUES
                    (1, 'elm-court', 'elm-b1', 1, '101', 60.00), (2, 'elm-court', 'elm-b1', 2, '201', 90.00),
                    (3, 'elm-court', 'elm-b1', 3, '301', 150.00), (4, 'oak-yard', 'oak-b1', 1, '101', 80.00);
                INSERT INTO parking_spaces (id, community_id, number, kind, ownership) VALUES
                    (7, 'elm-court', 'R-001', 'surface', 'common'), (8, 'oak-yard', 'R-001', 'surface', 'common');
                """);
        BillingSettings settings = new BillingSettings(ZoneId.of("Asia/Shanghai"), Map.of(), 6, 70, 15);
        Tariffs tariffs = Tariffs.create(settings, CLOCK);
        Contracts contracts = Contracts.create(tariffs, settings, (tx, community, id) -> id == 42, CLOCK);
        MaintenanceFund fund = new MaintenanceFund(work, LEDGER, new Outbox(vertx), CLOCK, settings.zone());
        Principal admin = new Principal("pia", "pia", Fixtures.TENANT, Set.of(Role.PROPERTY_ADMIN), Set.of(C));
        AuditEntry audit = AuditEntry.of("fund.test", "pia", Fixtures.TENANT, null, "test");
        fund.putSettings(admin, C, new JsonObject().put("firstDepositFenPerM2", 5_000), audit);
        // the households' fund accounts open with their first deposits: 3,000, 4,500 and 7,500 CNY
        fund.collectFirstDeposits(admin, C, audit);
        work.inTransaction("setup", tx -> {
            for (String community : List.of(C, OTHER)) {
                Map<SpaceKind, Long> rent = Map.of(SpaceKind.SURFACE, 20_001L, SpaceKind.UNDERGROUND, 35_000L,
                        SpaceKind.MECHANICAL, 25_000L);
                tariffs.add(tx, new NewTariff(community, LocalDate.parse("2026-01-01"), new Tariff.SpaceRent(
                        Map.of(Term.MONTHLY, rent, Term.QUARTERLY, rent, Term.YEARLY, rent)), "pia"));
            }
            contracts.sign(tx, new NewContract(C, 7, 3, Term.MONTHLY, 1, LocalDate.parse("2027-01-10"), 42L, "pia"));
            contracts.sign(tx, new NewContract(OTHER, 8, 4, Term.MONTHLY, 1, LocalDate.parse("2027-01-10"), 42L, "pia"));
            return null;
        });
        runs = BillingRuns.create(work, tariffs, contracts, LEDGER, List.of(), settings, CLOCK, FundIncome.of(fund));
        creditNotes = new CreditNotes(LEDGER, PaidAmounts.NONE, settings.zone(), FundIncome.of(fund));
    }

    @AfterAll
    static void drop() {
        vertx.close();
        database.close();
        db.close();
    }

    private static long balance(Account account) {
        return work.read("ledger", tx -> LEDGER.balance(tx, account));
    }

    @Test
    @Order(1)
    void theFundsShareOfCommonAreaRentGoesToTheHouseholdsFundAccountsByAreaOnce() {
        runs.run(C, JANUARY);
        runs.run(C, JANUARY);

        // 70 % of 20,001 = 14,000.7 → 14,001, shared 60 : 90 : 150 m² = 2,800.2 / 4,200.3 / 7,000.5 to the fen
        assertThat(balance(Account.community(C, AccountKind.FUND_INCOME))).isZero();
        long[] shares = {-balance(Account.household(C, AccountKind.MAINTENANCE_FUND, 1)) - 300_000,
                -balance(Account.household(C, AccountKind.MAINTENANCE_FUND, 2)) - 450_000,
                -balance(Account.household(C, AccountKind.MAINTENANCE_FUND, 3)) - 750_000};
        assertThat(shares[0] + shares[1] + shares[2]).isEqualTo(14_001);
        assertThat(shares).containsExactly(2_800, 4_200, 7_001);
        assertThat(TestSql.rows(database.dataSource(),
                "SELECT count(*) FROM journal_entries WHERE idempotency_key = 'fund:income:elm-court:2027-01'")).containsExactly("1");
    }

    @Test
    @Order(2)
    void aCommunityWithoutAFundKeepsTheShareInFundIncome() {
        runs.run(OTHER, JANUARY);

        assertThat(balance(Account.community(OTHER, AccountKind.FUND_INCOME))).isEqualTo(-14_001);
        assertThat(balance(Account.household(OTHER, AccountKind.RECEIVABLE, 4))).isEqualTo(20_001);
    }

    @Test
    @Order(3)
    void aCreditNoteOfAllocatedRentTakesTheFundsShareBackFromTheHouseholdsByArea() {
        runs.run(C, JANUARY);
        long[] before = {fundBalance(1), fundBalance(2), fundBalance(3)};

        long noteId = credit(C, 10_000, "k-elm");

        // the note's fund part: 10,000 × 14,001 / 20,001 = 7,000.35 → 7,000, debited to fund_income; the run
        // had moved all of it to the households, so 7,000 comes back from them 60 : 90 : 150 m²
        assertThat(balance(Account.community(C, AccountKind.FUND_INCOME))).isZero();
        assertThat(new long[] {before[0] - fundBalance(1), before[1] - fundBalance(2), before[2] - fundBalance(3)})
                .containsExactly(1_400, 2_100, 3_500);
        assertThat(TestSql.rows(database.dataSource(), "SELECT count(*) FROM journal_entries WHERE idempotency_key = "
                + "'fund:reversal:credit_note:" + noteId + "'")).containsExactly("1");
    }

    @Test
    @Order(4)
    void aCreditNoteInACommunityWithoutAFundTakesItsShareFromFundIncome() {
        runs.run(OTHER, JANUARY);

        long noteId = credit(OTHER, 10_000, "k-oak");

        // fund_income held the whole 14,001 in credit: 7,000 of it is reversed there, nothing elsewhere
        assertThat(balance(Account.community(OTHER, AccountKind.FUND_INCOME))).isEqualTo(-7_001);
        assertThat(TestSql.rows(database.dataSource(), "SELECT count(*) FROM journal_entries WHERE idempotency_key = "
                + "'fund:reversal:credit_note:" + noteId + "'")).containsExactly("0");
    }

    /** The household's fund balance in fen (the ledger's credit balance of its fund account). */
    private static long fundBalance(long household) {
        return -balance(Account.household(C, AccountKind.MAINTENANCE_FUND, household));
    }

    /** Credits the community's January rent invoice; returns the credit note's id. */
    private static long credit(String community, long amountFen, String clientKey) {
        return work.inTransaction("credit", tx -> {
            long invoiceId = tx.one("SELECT id FROM invoices WHERE community_id = ? AND kind = 'invoice'",
                    rs -> rs.getLong(1), community).orElseThrow();
            Invoice invoice = Invoices.get(tx, invoiceId).orElseThrow();
            return creditNotes.issue(tx, invoice, amountFen, "rent waived", clientKey, "pia", CLOCK.instant())
                    .creditNote().id();
        });
    }
}
