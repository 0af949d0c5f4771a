package org.anju.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.billing.BillingSettings;
import org.anju.platform.billing.OverdueReminders;
import org.anju.platform.billing.PaidAmounts;
import org.anju.platform.delivery.Outbox;
import org.anju.platform.testing.ApiCalls;
import org.anju.platform.testing.RunningPlatform;

/**
 * Arrears over real HTTP on a running platform (docs/billing.md "Arrears, late fees, credit notes"):
 * per-community settings, aging, late fees in the next run, credit notes, revenue, the CSV exports
 * and the overdue reminders. Invoices are seeded relative to today in Asia/Shanghai (the platform's
 * clock is the real one).
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ArrearsApiIT {

    private static final String COMMUNITY = "/api/v1/communities/elm-court";
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final LocalDate TODAY = LocalDate.now(ZONE);
    private static final YearMonth LAST_MONTH = YearMonth.from(TODAY).minusMonths(1);
    private static RunningPlatform running;
    private static ApiCalls api;
    private static String pia;

    @BeforeAll
    static void start() throws Exception {
        running = RunningPlatform.start(Map.of());
        api = new ApiCalls(running);
        running.fixtures().propertyUser("pia", "pia-password", "property_admin")
                .propertyUser("oscar", "oscar-password", "operator").propertyUser("rita", "rita-password", "resident");
        running.sql("""
                INSERT INTO households (id, community_id, building_id, unit_id, floor, number, private_area_m2) VALUES
                  (1, 'elm-court', 'elm-b1', NULL, 3, '301', 89.50), (2, 'elm-court', 'elm-b1', NULL, 4, '401', 92.00),
                  (3, 'elm-court', 'elm-b1', NULL, 5, '501', 70.00);
                INSERT INTO household_members (household_id, username, relation, since) VALUES (1, 'rita', 'owner', '2020-01-01');
                """);
        seed(9001, 2, "2025-01-01", TODAY.minusDays(10), "property_fee", 5_000, "物业费 2025-01");
        seed(9002, 2, "2025-02-01", TODAY.minusDays(45), "property_fee", 4_000, "=HYPERLINK(\"http://x\")");
        seed(9003, 2, "2025-03-01", TODAY.minusDays(75), "property_fee", 3_000, "fee");
        seed(9004, 2, "2025-04-01", TODAY.minusDays(120), "property_fee", 2_000, "fee");
        seed(9005, 2, "2025-05-01", TODAY, "property_fee", 1_000, "fee");
        seed(9010, 3, "2025-06-01", LAST_MONTH.atDay(10), "property_fee", 10_000, "fee");
        seed(9020, 1, "2025-07-01", TODAY.minusDays(5), "rent", 2_000, "rent of space B-001");
        // half of 9010 paid at noon on the 20th of last month, its tenth day past due
        running.sql("INSERT INTO payment_allocations (community_id, household_id, invoice_id, invoice_fen, credit_fen, "
                + "created_at) VALUES ('elm-court', 3, 9010, 5000, 0, '" + LAST_MONTH.atDay(20) + " 12:00:00+08')");
        running.sql("INSERT INTO invoice_lines (invoice_id, stream, source_id, description, amount_fen, fund_fen) "
                + "VALUES (9020, 'property_fee', 'seed:9020b', 'property fee', 1000, 0);"
                + "SELECT setval('invoices_id_seq', 10000);");
        pia = running.login("pia", "pia-password");
    }

    /** An invoice of one line; 9020's rent line gives 70 % to the fund. */
    private static void seed(long id, long household, String period, LocalDate dueOn, String stream, long fen,
            String description) {
        long total = id == 9020 ? fen + 1_000 : fen;
        running.sql("INSERT INTO invoices (id, community_id, household_id, period, total_fen, issued_at, due_on) VALUES ("
                + id + ", 'elm-court', " + household + ", '" + period + "', " + total + ", now(), '" + dueOn + "');"
                + "INSERT INTO invoice_lines (invoice_id, stream, source_id, description, amount_fen, fund_fen) VALUES ("
                + id + ", '" + stream + "', 'seed:" + id + "', '" + description.replace("'", "''") + "', " + fen + ", "
                + (id == 9020 ? 1_400 : 0) + ");");
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    @Test
    void settingsArePerCommunityAndTheNextRunChargesLastMonthsLateFees() throws Exception {
        JsonNode settings = api.get(COMMUNITY + "/billing/settings", pia, 200);
        assertThat(settings.get("effective").get("invoiceDueDays").asInt()).isEqualTo(15);
        assertThat(settings.get("defaults").get("plateMinConfidence").asDouble()).isEqualTo(0.8);
        JsonNode changed = api.put(COMMUNITY + "/billing/settings", pia,
                "{\"invoiceDueDays\": 20, \"plateMinConfidence\": 0.9}", 200);
        assertThat(changed.get("effective").get("invoiceDueDays").asInt()).isEqualTo(20);
        assertThat(changed.get("effective").get("commonAreaFundSharePercent").asInt()).isEqualTo(70);
        assertThat(changed.get("own").get("plateMinConfidence").asDouble()).isEqualTo(0.9);
        assertThat(badPut("{\"invoiceDueDays\": 400}")).contains("invoiceDueDays");
        assertThat(badPut("{\"reminderDaysPastDue\": [10, 3]}")).contains("reminderDaysPastDue");
        assertThat(badPut("{\"commonAreaFundSharePercent\": 7.5}")).contains("commonAreaFundSharePercent");
        assertThat(badPut("{\"lateFee\": 5}")).contains("lateFee");
        assertThat(running.sqlRows("SELECT invoice_due_days FROM community_billing_settings")).containsExactly("20");
        assertThat(running.sqlRows("SELECT count(*) FROM audit_log WHERE action = 'billing.settings_changed'"))
                .containsExactly("1");

        api.post(COMMUNITY + "/billing-runs", pia, "{\"period\": \"" + YearMonth.from(TODAY) + "\"}", 200);
        // invoice 9010 was due on the 10th of last month and half paid on the 20th: 0.05 % a day on 10,000
        // for the 11th to the 19th (9 days), then on 5,000 from the 20th to the month's end; the sum in
        // fen-days × 5 / 10,000, rounded half up (30 days: (90,000 + 55,000) × 5 / 10,000 = 72.5 → 73)
        long fenDays = 9 * 10_000L + (LAST_MONTH.lengthOfMonth() - 19) * 5_000L;
        long fee = (fenDays * 5 + 5_000) / 10_000;
        assertThat(running.sqlRows("SELECT l.amount_fen || ' ' || i.household_id || ' ' || i.due_on FROM invoice_lines l "
                + "JOIN invoices i ON i.id = l.invoice_id WHERE l.source_id = 'late_fee:9010:" + LAST_MONTH + "'"))
                .containsExactly(fee + " 3 " + running.sqlRows("SELECT (issued_at AT TIME ZONE "
                        + "'Asia/Shanghai')::date + 20 FROM invoices WHERE id > 10000 AND household_id = 3").getFirst());
        api.put(COMMUNITY + "/billing/settings", pia, "{\"invoiceDueDays\": null}", 200);
        assertThat(api.get(COMMUNITY + "/billing/settings", pia, 200).get("effective").get("invoiceDueDays").asInt())
                .isEqualTo(15);
    }

    private static String badPut(String body) throws Exception {
        return api.put(COMMUNITY + "/billing/settings", pia, body, 400).get("error").get("message").asText();
    }

    @Test
    void arrearsAreAgedByDaysPastDue() throws Exception {
        JsonNode arrears = api.get(COMMUNITY + "/arrears", pia, 200);
        JsonNode h2 = household(arrears, 2);
        assertThat(h2.get("aging").get("upTo30DaysFen").asLong()).isEqualTo(5_000);
        assertThat(h2.get("aging").get("days31To60Fen").asLong()).isEqualTo(4_000);
        assertThat(h2.get("aging").get("days61To90Fen").asLong()).isEqualTo(3_000);
        assertThat(h2.get("aging").get("over90DaysFen").asLong()).isEqualTo(2_000);
        assertThat(h2.get("owedFen").asLong()).isEqualTo(14_000);
        assertThat(h2.get("oldestDueOn").asText()).isEqualTo(TODAY.minusDays(120).toString());
        // due today is not past due
        assertThat(h2.get("invoiceIds")).extracting(JsonNode::asLong).containsExactly(9004L, 9003L, 9002L, 9001L);
        String oscar = running.login("oscar", "oscar-password");
        api.get(COMMUNITY + "/arrears", oscar, 403);

        HttpResponse<String> csv = running.get(COMMUNITY + "/arrears/export.csv", pia);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).startsWith("\uFEFFhouseholdId,").contains("\r\n2,5000,4000,3000,2000,14000,"
                + TODAY.minusDays(120) + ",4\r\n");
    }

    private static JsonNode household(JsonNode arrears, long id) {
        for (JsonNode h : arrears.get("households")) {
            if (h.get("householdId").asLong() == id) {
                return h;
            }
        }
        throw new AssertionError("household " + id + " not in arrears: " + arrears);
    }

    @Test
    void aCreditNoteCreditsProRataOnceAndRevenueNetsIt() throws Exception {
        String path = "/api/v1/invoices/9020/credit-notes";
        JsonNode first = api.post(path, pia, "{\"amountFen\": 1000, \"reason\": \"多收 overcharged\", \"clientKey\": \"k1\"}",
                201);
        JsonNode note = first.get("creditNote");
        assertThat(first.get("replayed").asBoolean()).isFalse();
        assertThat(note.get("kind").asText()).isEqualTo("credit_note");
        assertThat(note.get("creditsInvoiceId").asLong()).isEqualTo(9020);
        // 1,000 over 2,000 + 1,000: 666.67 → 667 (largest remainder), 333; the fund's 70 % of 667 → 467
        assertThat(note.get("lines")).extracting(l -> l.get("amountFen").asLong()).containsExactly(667L, 333L);
        assertThat(note.get("lines").get(0).get("fundFen").asLong()).isEqualTo(467);
        assertThat(note.get("lines").get(0).get("sourceId").asText()).isEqualTo("credit_note:" + note.get("id").asLong()
                + ":seed:9020");
        JsonNode again = api.post(path, pia, "{\"amountFen\": 1000, \"reason\": \"again\", \"clientKey\": \"k1\"}", 201);
        assertThat(again.get("replayed").asBoolean()).isTrue();
        assertThat(again.get("creditNote").get("id").asLong()).isEqualTo(note.get("id").asLong());
        api.post(path, pia, "{\"amountFen\": 500, \"reason\": \"other\", \"clientKey\": \"k1\"}", 409);
        assertThat(api.post(path, pia, "{\"amountFen\": 2001, \"reason\": \"too much\", \"clientKey\": \"k2\"}", 409)
                .get("error").get("message").asText()).contains("2000 fen");
        api.post(path, pia, "{\"amountFen\": 5, \"clientKey\": \"k3\"}", 400);
        api.post(path, pia, "{\"amountFen\": -5, \"reason\": \"x\", \"clientKey\": \"k3\"}", 400);
        api.post(path, running.login("rita", "rita-password"), "{\"amountFen\": 5, \"reason\": \"x\", \"clientKey\": \"k4\"}",
                403);
        JsonNode invoice = api.get("/api/v1/invoices/9020", pia, 200);
        assertThat(invoice.get("creditedFen").asLong()).isEqualTo(1_000);
        assertThat(invoice.get("owedFen").asLong()).isEqualTo(2_000);
        assertThat(invoice.get("status").asText()).isEqualTo("open");
        // payments owe what billing says is owed: the credit note is off the invoice, and is itself never paid
        assertThat(api.post("/api/v1/invoices/9020/payments", pia, "{}", 201).get("order").get("amountFen").asLong())
                .isEqualTo(2_000);
        assertThat(api.post("/api/v1/invoices/" + note.get("id").asLong() + "/payments", pia, "{\"amountFen\": 100}",
                409).get("error").get("message").asText()).contains("credit note");
        // the entry reverses the invoice's postings: revenue and fund income debited, the receivable credited
        assertThat(running.sqlRows("SELECT p.side || ' ' || a.kind || ' ' || p.amount_fen FROM ledger_postings p "
                + "JOIN ledger_accounts a ON a.id = p.account_id JOIN journal_entries e ON e.id = p.entry_id "
                + "WHERE e.idempotency_key = 'credit_note:" + note.get("id").asLong() + "' ORDER BY 1"))
                .containsExactly("C receivable 1000", "D fund_income 467", "D revenue_property_fee 333",
                        "D revenue_rent 200");

        api.post(path, pia, "{\"amountFen\": 2000, \"reason\": \"waived\", \"clientKey\": \"k5\"}", 201);
        assertThat(api.get("/api/v1/invoices/9020", pia, 200).get("status").asText()).isEqualTo("credited");
        JsonNode revenue = api.get(COMMUNITY + "/revenue?from=2025-07&to=2025-07", pia, 200);
        assertThat(revenue.get("items")).extracting(r -> r.get("stream").asText() + " " + r.get("invoicedFen").asLong()
                + " " + r.get("creditedFen").asLong() + " " + r.get("netFen").asLong())
                .containsExactly("property_fee 1000 1000 0", "rent 2000 2000 0");
        api.get(COMMUNITY + "/revenue?from=2025-07&to=2025-06", pia, 400);
        api.get(COMMUNITY + "/revenue?from=2025-7", pia, 400);
        HttpResponse<String> csv = running.get(COMMUNITY + "/revenue/export.csv?from=2025-07&to=2025-07", pia);
        assertThat(csv.body()).isEqualTo("\uFEFFmonth,stream,invoicedFen,creditedFen,netFen,fundFen\r\n"
                + "2025-07,property_fee,1000,1000,0,0\r\n2025-07,rent,2000,2000,0,0\r\n");
    }

    @Test
    void theInvoiceExportIsExcelReadyAndFormulaSafe() throws Exception {
        HttpResponse<String> csv = running.get(COMMUNITY + "/invoices/export.csv", pia);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"invoices-elm-court-"
                + TODAY + ".csv\"");
        assertThat(csv.body()).startsWith("\uFEFFid,kind,").contains("物业费 2025-01 5000")
                .contains("\"'=HYPERLINK(\"\"http://x\"\") 4000\"");
        api.put(COMMUNITY + "/fund/settings", pia, "{\"firstDepositFenPerM2\": 5000}", 200);
        assertThat(running.get(COMMUNITY + "/fund/export.csv", pia).body()).isEqualTo("\uFEFFrecord,id,"
                + "firstDepositFen,balanceFen,belowThreshold,amountFen,reference,description,recordedAt\r\ntotal,,,0,,,,,\r\n");
    }

    @Test
    void overdueInvoicesAreRemindedOncePerStep() throws Exception {
        BillingSettings settings = new BillingSettings(ZONE, Map.of(), 6, 70, 15);
        Vertx vertx = Vertx.vertx();
        try {
            OverdueReminders reminders = new OverdueReminders(running.platform().database().work(), settings,
                    PaidAmounts.NONE, new Outbox(vertx), Clock.systemUTC());
            reminders.run();
            assertThat(reminders.run()).isZero();
        } finally {
            vertx.close();
        }
        String topic = "topic = 'billing.invoice_overdue'";
        assertThat(running.sqlRows("SELECT count(*) FROM notifications WHERE " + topic)).isEqualTo(
                running.sqlRows("SELECT count(DISTINCT invoice_id) FROM invoice_reminders"));
        // 120 days past due: steps 1, 15 and 30 marked, only the latest notified
        assertThat(running.sqlRows("SELECT days_past_due FROM invoice_reminders WHERE invoice_id = 9004 ORDER BY 1"))
                .containsExactly("1", "15", "30");
        assertThat(running.sqlRows("SELECT (payload->>'reminderStep') || ' ' || (payload->>'daysPastDue') || ' ' "
                + "|| (payload->>'owedFen') FROM notifications WHERE " + topic + " AND payload->>'invoiceId' = '9004'"))
                .containsExactly("30 120 2000");
        // due today: not past due, not reminded
        assertThat(running.sqlRows("SELECT count(*) FROM invoice_reminders WHERE invoice_id = 9005")).containsExactly("0");
    }
}
