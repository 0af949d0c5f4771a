package org.anju.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.testing.ApiCalls;
import org.anju.platform.testing.RunningPlatform;

/**
 * Terminating a contract whose period was billed issues the credit note of the unused days in the
 * same transaction (docs/billing.md "Termination and its money"), over real HTTP on a running
 * platform: the note's amount, lines, fund share and journal entry against hand-computed figures;
 * not billed, no note and the run bills the used days; a retry and concurrent terminations issue one
 * note; a paid invoice leaves the receivable in credit, which a refund returns; a line credited by
 * staff is credited only its rest; a note that cannot be issued rolls the termination back; a quarter;
 * a later period ended on its first day is credited whole.
 * <p>
 * Every space is common-area (70 % of its rent to the fund) and leased to its own owner household
 * (space 21 to household 1, …), so no invoice carries another test's lines (late fees); every test
 * runs its own months, since a run bills a month once.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class TerminationCreditIT {

    private static final String CONTRACTS = "/api/v1/communities/elm-court/contracts";
    private static final String RUNS = "/api/v1/communities/elm-court/billing-runs";
    private static RunningPlatform running;
    private static ApiCalls api;
    private static String pia;

    @BeforeAll
    static void start() throws Exception {
        running = RunningPlatform.start(Map.of());
        api = new ApiCalls(running);
        running.fixtures().propertyUser("pia", "pia-password", "property_admin")
                .propertyUser("rita", "rita-password", "resident");
        running.sql("""
                INSERT INTO households (id, community_id, building_id, unit_id, floor, number, private_area_m2)
                  SELECT n, 'elm-court', 'elm-b1', NULL, n, n || '01', 89.50 FROM generate_series(1, 8) n;
                INSERT INTO household_members (household_id, username, relation, since)
                  SELECT n, 'rita', 'owner', '2020-01-01' FROM generate_series(1, 8) n;
                INSERT INTO parking_spaces (id, community_id, number, kind, ownership)
                  SELECT n, 'elm-court', 'C-0' || n, 'underground', 'common' FROM generate_series(21, 28) n;
                """);
        pia = running.login("pia", "pia-password");
        api.post("/api/v1/communities/elm-court/tariffs", pia, ContractApiIT.SPACE_RENT, 201);
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    /** Signs the space for its household (space − 20) and runs the month it starts in; returns the contract's id. */
    private static long signedAndBilled(long space, String term, String startsOn) throws Exception {
        long id = api.post(CONTRACTS, pia, """
                {"spaceId": %d, "householdId": %d, "term": "%s", "periods": 3, "startsOn": "%s"}"""
                .formatted(space, space - 20, term, startsOn), 201).get("id").asLong();
        api.post(RUNS, pia, "{\"period\": \"" + startsOn.substring(0, 7) + "\"}", 200);
        return id;
    }

    private static JsonNode terminate(long contract, String on, int status) throws Exception {
        return api.post("/api/v1/contracts/" + contract + "/terminate", pia, "{\"terminatedOn\": \"" + on + "\"}", status);
    }

    /** Returns the invoice whose line bills the contract's first period. */
    private static long rentInvoice(long contract) {
        return Long.parseLong(running.sqlRows("SELECT invoice_id FROM invoice_lines WHERE source_id = 'contract:"
                + contract + ":0'").getFirst());
    }

    /** Returns the household's balance of an account kind, debit positive. */
    private static long balance(String kind, Long household) {
        return Long.parseLong(running.sqlRows("SELECT coalesce(sum(CASE p.side WHEN 'D' THEN p.amount_fen ELSE "
                + "-p.amount_fen END), 0) FROM ledger_postings p JOIN ledger_accounts a ON a.id = p.account_id "
                + "WHERE a.kind = '" + kind + "' AND a.household_id " + (household == null ? "IS NULL" : "= " + household))
                .getFirst());
    }

    private static List<String> creditNotesOf(long invoice) {
        return running.sqlRows("SELECT id || ' ' || total_fen FROM invoices WHERE credits_invoice_id = " + invoice
                + " ORDER BY id");
    }

    @Test
    void aBilledMonthIsCreditedItsUnusedDaysWithTheFundShareOnce() throws Exception {
        long contract = signedAndBilled(21, "monthly", "2027-01-01");
        long invoice = rentInvoice(contract);
        long receivable = balance("receivable", 1L);
        long fundIncome = balance("fund_income", null);
        long revenue = balance("revenue_rent", null);

        JsonNode proration = terminate(contract, "2027-01-21", 200).get("proration");

        // 35,000 × 20/31 = 22,580.6 → 22,581 used; 12,419 of the 24,500 fund share's line: 8,693.3 → 8,693 fund
        assertThat(proration.get("creditFen").asLong()).isEqualTo(12_419);
        assertThat(proration.get("creditNoteFen").asLong()).isEqualTo(12_419);
        assertThat(proration.get("creditedInvoiceId").asLong()).isEqualTo(invoice);
        long note = proration.get("creditNoteId").asLong();
        assertThat(running.sqlRows("SELECT source_id || ' ' || amount_fen || ' ' || fund_fen FROM invoice_lines "
                + "WHERE invoice_id = " + note)).containsExactly("credit_note:" + note + ":contract:" + contract + ":0 12419 8693");
        assertThat(running.sqlRows("SELECT reason FROM credit_note_requests WHERE credit_note_id = " + note))
                .containsExactly("termination of contract " + contract + " on 2027-01-21: 11 of 31 days unused");
        assertThat(running.sqlRows("SELECT p.side || ' ' || a.kind || ' ' || p.amount_fen FROM journal_entries e "
                + "JOIN ledger_postings p ON p.entry_id = e.id JOIN ledger_accounts a ON a.id = p.account_id "
                + "WHERE e.idempotency_key = 'credit_note:" + note + "' ORDER BY p.side DESC, a.kind"))
                .containsExactly("D fund_income 8693", "D revenue_rent 3726", "C receivable 12419");
        assertThat(balance("receivable", 1L)).isEqualTo(receivable - 12_419);
        assertThat(balance("fund_income", null)).isEqualTo(fundIncome + 8_693);
        assertThat(balance("revenue_rent", null)).isEqualTo(revenue + 3_726);
        JsonNode view = api.get("/api/v1/invoices/" + invoice, pia, 200);
        assertThat(view.get("creditedFen").asLong()).isEqualTo(12_419);
        assertThat(view.get("owedFen").asLong()).isEqualTo(22_581);
        assertThat(running.sqlRows("SELECT detail->>'creditNoteId' FROM audit_log WHERE action = 'contract.terminated' "
                + "AND target = 'contract:" + contract + "'")).containsExactly(String.valueOf(note));

        // a retried request is the 409 of terminating twice and issues nothing
        terminate(contract, "2027-01-21", 409);
        assertThat(creditNotesOf(invoice)).containsExactly(note + " 12419");
    }

    @Test
    void aMonthNotBilledIsNotCreditedAndItsRunBillsTheUsedDays() throws Exception {
        long contract = api.post(CONTRACTS, pia, """
                {"spaceId": 22, "householdId": 2, "term": "monthly", "periods": 3, "startsOn": "2027-03-01"}""", 201)
                .get("id").asLong();
        JsonNode proration = terminate(contract, "2027-03-21", 200).get("proration");
        assertThat(proration.get("creditNoteId").isNull()).isTrue();
        assertThat(proration.get("creditNoteFen").asLong()).isZero();
        assertThat(proration.get("chargeFen").asLong()).isEqualTo(22_581);

        api.post(RUNS, pia, "{\"period\": \"2027-03\"}", 200);
        assertThat(running.sqlRows("SELECT amount_fen || ' ' || fund_fen FROM invoice_lines WHERE source_id = 'contract:"
                + contract + ":0'")).containsExactly("22581 15807"); // 70 % of 22,581 = 15,806.7 → 15,807
        assertThat(creditNotesOf(rentInvoice(contract))).isEmpty();
    }

    @Test
    void concurrentTerminationsTerminateOnceAndCreditOnce() throws Exception {
        long contract = signedAndBilled(23, "monthly", "2027-05-01");
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(6)) {
            for (int i = 0; i < 6; i++) {
                answers.add(threads.submit(() -> {
                    go.await();
                    return running.http().send(HttpRequest.newBuilder(URI.create(running.baseUrl()
                            + "/api/v1/contracts/" + contract + "/terminate")).header("Authorization", "Bearer " + pia)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"terminatedOn\": \"2027-05-11\"}")).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode();
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS));
            }
            assertThat(statuses).containsOnly(200, 409).filteredOn(s -> s == 200).hasSize(1);
        }
        // May: 35,000 × 10/31 = 11,290.3 → 11,290 used, 23,710 credited
        assertThat(creditNotesOf(rentInvoice(contract))).singleElement().asString().endsWith(" 23710");
    }

    @Test
    void aPaidMonthLeavesTheReceivableInCreditWhichARefundOfThePaymentReturns() throws Exception {
        long contract = signedAndBilled(24, "monthly", "2027-07-01");
        long invoice = rentInvoice(contract);
        long order = api.post("/api/v1/invoices/" + invoice + "/manual-payments", pia, """
                {"method": "cash", "amountFen": 35000, "reference": "receipt 7/1", "idempotencyKey": "rent-july"}""",
                201).get("id").asLong();
        long receivable = balance("receivable", 4L);
        assertThat(receivable).isZero();

        JsonNode proration = terminate(contract, "2027-07-21", 200).get("proration");
        assertThat(proration.get("creditNoteFen").asLong()).isEqualTo(12_419);
        JsonNode view = api.get("/api/v1/invoices/" + invoice, pia, 200);
        assertThat(view.get("paidFen").asLong()).isEqualTo(35_000);
        assertThat(view.get("creditedFen").asLong()).isEqualTo(12_419);
        assertThat(view.get("owedFen").asLong()).isZero();
        assertThat(view.get("status").asText()).isEqualTo("paid");
        assertThat(balance("receivable", 4L)).as("in credit").isEqualTo(-12_419);

        // the household's 12,419 goes back by refunding the payment: its invoice is still owed nothing
        api.post("/api/v1/payments/" + order + "/refunds", pia,
                "{\"amountFen\": 12419, \"reason\": \"contract terminated\"}", 201);
        assertThat(balance("receivable", 4L)).isZero();
        assertThat(api.get("/api/v1/invoices/" + invoice, pia, 200).get("owedFen").asLong()).isZero();
    }

    @Test
    void aLineStaffCreditedPartlyIsCreditedOnlyItsRest() throws Exception {
        long contract = signedAndBilled(25, "monthly", "2027-09-01");
        long invoice = rentInvoice(contract);
        api.post("/api/v1/invoices/" + invoice + "/credit-notes", pia,
                "{\"amountFen\": 30000, \"reason\": \"goodwill\", \"clientKey\": \"goodwill-sept\"}", 201);

        // September: 35,000 × 20/30 = 23,333.3 → 23,333 used, 11,667 unused; the line has 5,000 left to credit
        JsonNode proration = terminate(contract, "2027-09-21", 200).get("proration");
        assertThat(proration.get("creditFen").asLong()).isEqualTo(11_667);
        assertThat(proration.get("creditNoteFen").asLong()).isEqualTo(5_000);
        assertThat(api.get("/api/v1/invoices/" + invoice, pia, 200).get("status").asText()).isEqualTo("credited");
    }

    @Test
    void aCreditNoteThatCannotBeIssuedRollsTheTerminationBack() throws Exception {
        long contract = signedAndBilled(26, "monthly", "2027-11-01");
        long invoice = rentInvoice(contract);
        // staff took the termination's client key for a note of another amount: the termination's note is refused
        api.post("/api/v1/invoices/" + invoice + "/credit-notes", pia, "{\"amountFen\": 100, \"reason\": \"typo\", "
                + "\"clientKey\": \"termination:contract:" + contract + "\"}", 201);

        assertThat(ApiCalls.message(terminate(contract, "2027-11-21", 409))).contains("termination:contract:" + contract);
        assertThat(api.get("/api/v1/contracts/" + contract, pia, 200).get("terminatedOn").isNull()).isTrue();
        assertThat(creditNotesOf(invoice)).hasSize(1);
        assertThat(running.sqlRows("SELECT count(*) FROM audit_log WHERE action = 'contract.terminated' "
                + "AND target = 'contract:" + contract + "'")).containsExactly("0");
    }

    @Test
    void aQuarterIsCreditedItsUnusedDaysAcrossTheLeapFebruary() throws Exception {
        long contract = signedAndBilled(27, "quarterly", "2028-01-01");
        // 2028-01-01 to 2028-04-01 is 91 days; 40 used: 100,000 × 40/91 = 43,956.04 → 43,956, 56,044 unused;
        // fund: 56,044 × 70,000/100,000 = 39,230.8 → 39,231
        JsonNode proration = terminate(contract, "2028-02-10", 200).get("proration");
        assertThat(proration.get("periodEnd").asText()).isEqualTo("2028-04-01");
        assertThat(proration.get("creditNoteFen").asLong()).isEqualTo(56_044);
        long note = proration.get("creditNoteId").asLong();
        assertThat(running.sqlRows("SELECT amount_fen || ' ' || fund_fen FROM invoice_lines WHERE invoice_id = " + note))
                .containsExactly("56044 39231");
        assertThat(running.sqlRows("SELECT reason FROM credit_note_requests WHERE credit_note_id = " + note))
                .containsExactly("termination of contract " + contract + " on 2028-02-10: 51 of 91 days unused");
    }

    @Test
    void aLaterPeriodEndedOnItsFirstDayIsCreditedWholeOrNotBilledAtAll() throws Exception {
        long contract = api.post(CONTRACTS, pia, """
                {"spaceId": 28, "householdId": 8, "term": "monthly", "periods": 3, "startsOn": "2028-05-01"}""", 201)
                .get("id").asLong();
        api.post(RUNS, pia, "{\"period\": \"2028-05\"}", 200);
        api.post(RUNS, pia, "{\"period\": \"2028-06\"}", 200);

        // ended on June's first day: none of June used, all of its 35,000 (24,500 fund) credited
        JsonNode proration = terminate(contract, "2028-06-01", 200).get("proration");
        assertThat(proration.get("usedFen").asLong()).isZero();
        assertThat(proration.get("creditNoteFen").asLong()).isEqualTo(35_000);
        long june = Long.parseLong(running.sqlRows("SELECT invoice_id FROM invoice_lines WHERE source_id = 'contract:"
                + contract + ":1'").getFirst());
        assertThat(proration.get("creditedInvoiceId").asLong()).isEqualTo(june);
        assertThat(running.sqlRows("SELECT amount_fen || ' ' || fund_fen FROM invoice_lines WHERE invoice_id = "
                + proration.get("creditNoteId").asLong())).containsExactly("35000 24500");
        assertThat(creditNotesOf(rentInvoice(contract))).as("May is not touched").isEmpty();
        // (June's invoice bears May's late fee on the May invoice, due 15 days after today's run, as well)
        assertThat(api.get("/api/v1/invoices/" + june, pia, 200).get("creditedFen").asLong()).isEqualTo(35_000);

        // July is never billed
        api.post(RUNS, pia, "{\"period\": \"2028-07\"}", 200);
        assertThat(running.sqlRows("SELECT count(*) FROM invoice_lines WHERE source_id = 'contract:" + contract + ":2'"))
                .containsExactly("0");
    }
}
