package org.anju.platform.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
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
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.error.ServerError;
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
 * A monthly billing run on a real database, against hand-computed invoices: rent (in advance,
 * prorated for a contract terminated within its period, the fund's share of common-area rent),
 * property fees (area × tariff, half up), billable items of other streams; the ledger entries;
 * a second run and N concurrent runs change nothing; a run that fails leaves nothing; issued
 * invoices cannot be changed.
 */
@Timeout(180)
class BillingRunIT {

    private static final String C = Fixtures.COMMUNITY;
    private static final YearMonth JANUARY = YearMonth.of(2027, 1);
    private static TestDatabases.TestDatabase db;
    private static Database database;
    private static UnitOfWork work;
    private static final Ledger LEDGER = Ledger.create();
    private static BillingSettings settings;
    private static Tariffs tariffs;
    private static Contracts contracts;
    private static final Instant START = Instant.parse("2027-01-01T01:00:00Z");
    private static final TestClock CLOCK = new TestClock(START);
    private static final BillableSource ITEMS = (tx, community, from, to) -> from.equals(
            JANUARY.atDay(1).atStartOfDay(ZoneId.of("Asia/Shanghai")).toInstant())
            ? List.of(new BillableItem(Stream.VISITOR_PARKING, "visit:1", 1, 700, "visitor 京A12345 2 h", from),
                    new BillableItem(Stream.CHARGING, "session:9", 3, 1_234, "charging 12.3 kWh", from))
            : List.of();

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
                INSERT INTO parking_spaces (id, community_id, number, kind, ownership) VALUES
                    (1, 'elm-court', 'B-001', 'underground', 'developer'), (2, 'elm-court', 'B-002', 'underground', 'developer'),
                    (7, 'elm-court', 'R-001', 'surface', 'common');
                """);
        settings = new BillingSettings(ZoneId.of("Asia/Shanghai"), Map.of(), 6, 70, 15);
        tariffs = Tariffs.create(settings, CLOCK);
        contracts = Contracts.create(tariffs, settings, (tx, community, id) -> id == 42, CLOCK);
        work = database.work();
        work.inTransaction("setup", tx -> {
            tariffs.add(tx, new NewTariff(C, LocalDate.parse("2026-01-01"), new Tariff.SpaceRent(Map.of(
                    Term.MONTHLY, Map.of(SpaceKind.SURFACE, 20_000L, SpaceKind.UNDERGROUND, 35_000L, SpaceKind.MECHANICAL, 25_000L),
                    Term.QUARTERLY, Map.of(SpaceKind.SURFACE, 57_000L, SpaceKind.UNDERGROUND, 100_000L, SpaceKind.MECHANICAL, 72_000L),
                    Term.YEARLY, Map.of(SpaceKind.SURFACE, 220_000L, SpaceKind.UNDERGROUND, 380_000L, SpaceKind.MECHANICAL, 270_000L))),
                    "pia"));
            tariffs.add(tx, new NewTariff(C, LocalDate.parse("2026-01-01"), new Tariff.PropertyFee(185), "pia"));
            // signed in December, before any run
            CLOCK.set(Instant.parse("2026-12-01T02:00:00Z"));
            contracts.sign(tx, new NewContract(C, 1, 1, Term.MONTHLY, 3, LocalDate.parse("2027-01-01"), null, "pia"));
            Contract ended = contracts.sign(tx, new NewContract(C, 2, 2, Term.MONTHLY, 2, LocalDate.parse("2027-01-01"),
                    null, "pia"));
            contracts.terminate(tx, C, ended.id(), LocalDate.parse("2027-01-21"));
            contracts.sign(tx, new NewContract(C, 7, 3, Term.MONTHLY, 1, LocalDate.parse("2027-01-10"), 42L, "pia"));
            CLOCK.set(START);
            return null;
        });
    }

    @AfterAll
    static void drop() {
        database.close();
        db.close();
    }

    private static BillingRuns runs(List<BillableSource> sources) {
        return BillingRuns.create(work, tariffs, contracts, LEDGER, sources, settings, CLOCK);
    }

    private static long balance(Account account) {
        return work.read("ledger", tx -> LEDGER.balance(tx, account));
    }

    @Test
    void aMonthBecomesInvoicesAsComputedByHandAndPostsToTheLedger() {
        // other tests bill other months of the community, before or after this one
        long receivable = balance(Account.household(C, AccountKind.RECEIVABLE, 1));
        long rent = balance(Account.community(C, AccountKind.REVENUE_RENT));
        long fundIncome = balance(Account.community(C, AccountKind.FUND_INCOME));
        long fees = balance(Account.community(C, AccountKind.REVENUE_PROPERTY_FEE));

        RunResult result = runs(List.of(ITEMS)).run(C, JANUARY);

        // household 1: rent 35,000 + fee 89.37 × 185 = 16,533.45 → 16,533 + visit 700 = 52,233
        // household 2: rent 35,000 × 20/31 = 22,580.6 → 22,581 + fee 120 × 185 = 22,200 = 44,781
        // household 3: rent 20,000 (fund 70 % = 14,000) + fee 60.5 × 185 = 11,192.5 → 11,193 + charging 1,234 = 32,427
        assertThat(result.invoices()).isEqualTo(3);
        assertThat(result.totalFen()).isEqualTo(52_233 + 44_781 + 32_427);
        List<Invoice> invoices = work.read("invoices", tx -> runs(List.of()).invoices(tx, C, JANUARY));
        assertThat(invoices).extracting(Invoice::totalFen).containsExactly(52_233L, 44_781L, 32_427L);
        assertThat(invoices.get(2).lines()).extracting(InvoiceLine::stream, InvoiceLine::amountFen, InvoiceLine::fundFen)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Stream.RENT, 20_000L, 14_000L),
                        org.assertj.core.groups.Tuple.tuple(Stream.PROPERTY_FEE, 11_193L, 0L),
                        org.assertj.core.groups.Tuple.tuple(Stream.CHARGING, 1_234L, 0L));
        assertThat(invoices).allSatisfy(i -> assertThat(i.dueOn()).isEqualTo(LocalDate.parse("2027-01-16")));

        assertThat(balance(Account.household(C, AccountKind.RECEIVABLE, 1)) - receivable).isEqualTo(52_233);
        assertThat(balance(Account.community(C, AccountKind.REVENUE_RENT)) - rent).isEqualTo(-(35_000 + 22_581 + 6_000));
        assertThat(balance(Account.community(C, AccountKind.FUND_INCOME)) - fundIncome).isEqualTo(-14_000);
        assertThat(balance(Account.community(C, AccountKind.REVENUE_PROPERTY_FEE)) - fees)
                .isEqualTo(-(16_533 + 22_200 + 11_193));
        Map<Account, Long> all = work.read("ledger", tx -> LEDGER.balances(tx, C));
        assertThat(all.values().stream().mapToLong(Long::longValue).sum()).isZero();

        // a second run of the month changes nothing
        RunResult again = runs(List.of(ITEMS)).run(C, JANUARY);
        assertThat(again.alreadyRun()).isTrue();
        assertThat(again.invoices()).isEqualTo(3);
        assertThat(TestSql.rows(database.dataSource(), "SELECT count(*) FROM invoices WHERE period = '2027-01-01'"))
                .containsExactly("3");
        // one entry for the run: a household's receivable debited by its invoice's total
        assertThat(TestSql.rows(database.dataSource(), "SELECT e.idempotency_key || ' ' || count(*) FROM journal_entries e "
                + "JOIN ledger_postings p ON p.entry_id = e.id WHERE e.description LIKE 'billing run 2027-01%' GROUP BY e.idempotency_key"))
                .containsExactly("billing-run:elm-court:2027-01 8");

        // issued invoices are never changed
        assertThatThrownBy(() -> TestSql.execute(database.dataSource(), "UPDATE invoices SET total_fen = 1"))
                .hasMessageContaining("never changed");
    }

    @Test
    void aStatementWithALineOfNoInvoiceIsRefused() {
        // one line of an invoice made in the transaction, one of an invoice that does not exist: the
        // statement-level reference check (V60, in place of a per-row foreign key) refuses the statement
        assertThatThrownBy(() -> work.inTransaction("orphan lines", tx -> {
            long invoice = tx.one("INSERT INTO invoices (community_id, household_id, period, total_fen, due_on) "
                    + "VALUES (?, 3, '2030-01-01', 200, '2030-01-16') RETURNING id", rs -> rs.getLong(1), C).orElseThrow();
            return tx.update("INSERT INTO invoice_lines (invoice_id, stream, source_id, description, amount_fen) VALUES "
                    + "(?, 'parcel', 'orphan:1', 'an invoice', 100), (?, 'parcel', 'orphan:2', 'no invoice', 100)",
                    invoice, invoice + 1_000_000);
        })).isInstanceOf(ServerError.class).rootCause().hasMessageContaining("which does not exist")
                .hasMessageContaining("refers to invoice ");

        assertThat(TestSql.rows(database.dataSource(),
                "SELECT count(*) FROM invoice_lines WHERE source_id LIKE 'orphan:%'")).containsExactly("0");
        assertThat(TestSql.rows(database.dataSource(),
                "SELECT count(*) FROM invoices WHERE period = '2030-01-01'")).containsExactly("0");
    }

    @Test
    void concurrentRunsOfOneMonthMakeOneSetOfInvoices() throws Exception {
        YearMonth february = YearMonth.of(2027, 2);
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<RunResult>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return runs(List.of(ITEMS)).run(C, february);
                }));
            }
            start.countDown();
            List<RunResult> results = new ArrayList<>();
            for (Future<RunResult> answer : answers) {
                results.add(answer.get(60, TimeUnit.SECONDS));
            }
            assertThat(results).filteredOn(r -> !r.alreadyRun()).hasSize(1);
            assertThat(results).extracting(RunResult::totalFen).containsOnly(results.getFirst().totalFen());
        } finally {
            pool.shutdownNow();
        }
        // February: household 1's second month (35,000) and every household's property fee
        assertThat(TestSql.rows(database.dataSource(),
                "SELECT count(*) || ' ' || sum(total_fen) FROM invoices WHERE period = '2027-02-01'"))
                .containsExactly("3 " + (35_000 + 16_533 + 22_200 + 11_193));
    }

    @Test
    void aRunThatFailsLeavesNothing() {
        YearMonth march = YearMonth.of(2027, 3);
        AtomicBoolean asked = new AtomicBoolean();
        BillableSource failing = (tx, community, from, to) -> {
            asked.set(true);
            throw new java.sql.SQLException("source unavailable", "08006");
        };

        assertThatThrownBy(() -> runs(List.of(failing)).run(C, march)).isInstanceOf(ServerError.class);

        assertThat(asked).isTrue();
        assertThat(TestSql.rows(database.dataSource(), "SELECT count(*) FROM invoices WHERE period = '2027-03-01'"))
                .containsExactly("0");
        assertThat(TestSql.rows(database.dataSource(), "SELECT count(*) FROM billing_runs WHERE period = '2027-03-01'"))
                .containsExactly("0");
        // the same month runs whole afterwards
        assertThat(runs(List.of()).run(C, march).invoices()).isEqualTo(3);
    }

    @Test
    void anItemBilledInAnEarlierMonthIsNotBilledAgainAndTheTotalsLeaveItOut() {
        YearMonth may = YearMonth.of(2027, 5);
        YearMonth june = YearMonth.of(2027, 6);
        BillableItem visit = new BillableItem(Stream.VISITOR_PARKING, "visit:500", 1, 900, "visitor 京B00500 3 h",
                Instant.parse("2027-05-03T02:00:00Z"));
        BillableItem later = new BillableItem(Stream.VISITOR_PARKING, "visit:501", 2, 300, "visitor 京B00501 1 h",
                Instant.parse("2027-06-03T02:00:00Z"));
        // May was billed before it ended (the clock says 1 January), so June's run asks from May's start
        // and the source reports the May visit again (as a source may: the run skips what is billed)
        BillableSource again = settledIn(List.of(visit, later));
        long visitorRevenueBefore = balance(Account.community(C, AccountKind.REVENUE_VISITOR_PARKING));

        runs(List.of(again)).run(C, may);
        RunResult result = runs(List.of(again)).run(C, june);

        // June: the property fees (16,533 / 22,200 / 11,193) and the new visit of household 2 only
        assertThat(result.totalFen()).isEqualTo(16_533 + 22_200 + 300 + 11_193);
        List<Invoice> invoices = work.read("invoices", tx -> runs(List.of()).invoices(tx, C, june));
        assertThat(invoices).extracting(Invoice::householdId, Invoice::totalFen).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1L, 16_533L), org.assertj.core.groups.Tuple.tuple(2L, 22_500L),
                org.assertj.core.groups.Tuple.tuple(3L, 11_193L));
        assertThat(invoices.getFirst().lines()).extracting(InvoiceLine::stream).containsExactly(Stream.PROPERTY_FEE);
        assertThat(TestSql.rows(database.dataSource(), "SELECT count(*) FROM invoice_lines WHERE source_id = 'visit:500'"))
                .containsExactly("1");
        // the ledger entries were made from the same totals: visitor revenue 900 in May and 300 in June
        assertThat(balance(Account.community(C, AccountKind.REVENUE_VISITOR_PARKING)) - visitorRevenueBefore)
                .isEqualTo(-(900 + 300));
        assertThat(TestSql.rows(database.dataSource(), """
                SELECT a.household_id || ' ' || p.amount_fen FROM journal_entries e
                JOIN ledger_postings p ON p.entry_id = e.id AND p.side = 'D' JOIN ledger_accounts a ON a.id = p.account_id
                WHERE e.idempotency_key = 'billing-run:elm-court:2027-06' ORDER BY 1""")).containsExactly("1 16533",
                "2 22500", "3 11193");
    }

    /** A source of the items settled in the window asked for, as the usage sources report. */
    private static BillableSource settledIn(List<BillableItem> items) {
        return (tx, community, from, to) -> items.stream()
                .filter(i -> !i.occurredAt().isBefore(from) && i.occurredAt().isBefore(to)).toList();
    }

    /** Runs the month with the clock at {@code instant} (the clock goes back after each test). */
    private static RunResult runAt(String instant, YearMonth month, List<BillableItem> settled) {
        CLOCK.set(Instant.parse(instant));
        return runs(List.of(settledIn(settled))).run(C, month);
    }

    @AfterEach
    void clockBack() {
        CLOCK.set(START);
    }

    @Test
    void whatIsSettledAfterRunsMadeAheadIsBilledByTheNextRun() {
        YearMonth august = YearMonth.of(2027, 8);
        List<BillableItem> settled = new java.util.concurrent.CopyOnWriteArrayList<>();
        settled.add(session(810, 1, "2027-08-10T02:00:00Z"));
        // August and September billed on 20 August (rent in advance): the session of the 10th goes with August
        runAt("2027-08-20T02:00:00Z", august, settled);
        RunResult september = runAt("2027-08-20T02:05:00Z", august.plusMonths(1), settled);
        // settled after those runs: later in August, in September, in October
        settled.add(session(825, 2, "2027-08-25T02:00:00Z"));
        settled.add(session(905, 3, "2027-09-05T02:00:00Z"));
        settled.add(session(1005, 1, "2027-10-05T02:00:00Z"));
        RunResult october = runAt("2027-11-01T01:00:00Z", august.plusMonths(2), settled);

        assertThat(september.totalFen()).isEqualTo(16_533 + 22_200 + 11_193);
        // October: the fees and the three sessions settled after September's run; the 10th not again
        assertThat(october.totalFen()).isEqualTo(16_533 + 1_005 + 22_200 + 825 + 11_193 + 905);
        assertThat(billedIn("session:810", "session:825", "session:905", "session:1005")).containsExactly(
                "session:1005 2027-10-01", "session:810 2027-08-01", "session:825 2027-10-01",
                "session:905 2027-10-01");
    }

    @Test
    void whatASettlementCommittedJustAfterTheMonthsRunIsBilledNextMonth() {
        YearMonth november = YearMonth.of(2027, 11);
        List<BillableItem> settled = new java.util.concurrent.CopyOnWriteArrayList<>();
        settled.add(session(1110, 1, "2027-11-10T02:00:00Z"));
        // November billed 30 seconds after it ended (Shanghai); a pricing that began at 23:59:58 commits after
        runAt("2027-11-30T16:00:30Z", november, settled);
        settled.add(session(1130, 2, "2027-11-30T15:59:58Z"));
        RunResult december = runAt("2028-01-01T01:00:00Z", november.plusMonths(1), settled);

        assertThat(december.totalFen()).isEqualTo(16_533 + 22_200 + 1_130 + 11_193);
        assertThat(billedIn("session:1110", "session:1130")).containsExactly("session:1110 2027-11-01",
                "session:1130 2027-12-01");
    }

    @Test
    void rentOfAContractSignedAfterItsMonthsRunIsBilledByTheNextRun() {
        // March 2028 billed on its first morning; then two contracts are signed on 10 March: one to
        // start on the 15th, one backdated to 1 February
        runAt("2028-03-01T01:00:00Z", YearMonth.of(2028, 3), List.of());
        CLOCK.set(Instant.parse("2028-03-10T02:00:00Z"));
        long[] signed = work.inTransaction("sign", tx -> new long[] {
                contracts.sign(tx, new NewContract(C, 1, 1, Term.MONTHLY, 3, LocalDate.parse("2028-03-15"), null, "pia")).id(),
                contracts.sign(tx, new NewContract(C, 2, 2, Term.MONTHLY, 2, LocalDate.parse("2028-02-01"), null, "pia")).id()});
        String first = "contract:" + signed[0] + ":";
        String backdated = "contract:" + signed[1] + ":";

        RunResult april = runAt("2028-04-01T01:00:00Z", YearMonth.of(2028, 4), List.of());
        RunResult may = runAt("2028-05-01T01:00:00Z", YearMonth.of(2028, 5), List.of());

        // April: household 1 the periods from 15 March and 15 April, household 2 those from 1 February
        // and 1 March (35,000 each, underground), beside the three property fees; May: 15 May only
        assertThat(april.totalFen()).isEqualTo(2 * 35_000 + 16_533 + 2 * 35_000 + 22_200 + 11_193);
        assertThat(may.totalFen()).isEqualTo(35_000 + 16_533 + 22_200 + 11_193);
        assertThat(billedIn(first + "0", first + "1", first + "2", backdated + "0", backdated + "1")).containsExactly(
                first + "0 2028-04-01", first + "1 2028-04-01", first + "2 2028-05-01",
                backdated + "0 2028-04-01", backdated + "1 2028-04-01");
    }

    private static BillableItem session(int fen, long household, String settledAt) {
        return new BillableItem(Stream.CHARGING, "session:" + fen, household, fen, "charging " + fen,
                Instant.parse(settledAt));
    }

    /** Returns each source with the month of the invoice that bills it, in order. */
    private static List<String> billedIn(String... sources) {
        return TestSql.rows(database.dataSource(), "SELECT l.source_id || ' ' || i.period FROM invoice_lines l "
                + "JOIN invoices i ON i.id = l.invoice_id WHERE l.source_id IN ('" + String.join("', '", sources)
                + "') ORDER BY 1");
    }
}
