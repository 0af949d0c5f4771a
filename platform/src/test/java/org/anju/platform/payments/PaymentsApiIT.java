package org.anju.platform.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.Json;
import org.anju.platform.testing.ApiCalls;
import org.anju.platform.testing.RunningPlatform;

/**
 * Paying invoices over real HTTP on a running platform: a resident pays part of an invoice through
 * the sandbox (order, checkout, the sandbox's signed asynchronous callback, settlement: ledger
 * entry, allocation, receipt); an overpayment becomes the household's credit, which staff apply to
 * another invoice; another household's invoice and payments are 404s; staff refund (credit first)
 * and record cash with an idempotency key and the audit log.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PaymentsApiIT {

    static final String KEY = "payments-it-sandbox-key-0123456789abcdef";
    private static RunningPlatform running;
    private static ApiCalls api;
    private static String pia;
    private static String rita;
    private static String otis;

    @BeforeAll
    static void start() throws Exception {
        running = RunningPlatform.start(Map.of("ANJU_PAYMENTS_SANDBOX_KEY", KEY));
        api = new ApiCalls(running);
        running.fixtures().propertyUser("pia", "pia-password", "property_admin")
                .propertyUser("rita", "rita-password", "resident").propertyUser("otis", "otis-password", "resident");
        running.sql("""
                INSERT INTO households (id, community_id, building_id, unit_id, floor, number, private_area_m2) VALUES
                  (1, 'elm-court', 'elm-b1', NULL, 3, '301', 89.50), (2, 'elm-court', 'elm-b1', NULL, 4, '401', 92.00);
                INSERT INTO household_members (household_id, username, relation, since) VALUES
                  (1, 'rita', 'owner', '2020-01-01'), (2, 'otis', 'owner', '2020-01-01');
                """);
        pia = running.login("pia", "pia-password");
        rita = running.login("rita", "rita-password");
        otis = running.login("otis", "otis-password");
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    /** Issues an invoice of the household (as a billing run would) and returns its id. */
    static long invoice(RunningPlatform on, long household, String period, long totalFen) {
        return Long.parseLong(on.sqlRows("INSERT INTO invoices (community_id, household_id, period, total_fen, due_on) "
                + "VALUES ('elm-court', " + household + ", '" + period + "', " + totalFen + ", '2026-12-31') RETURNING id")
                .get(0));
    }

    /** Pays the order in the sandbox and waits until the platform settled it. */
    static JsonNode payInSandbox(ApiCalls api, String token, long orderId) throws Exception {
        JsonNode accepted = api.post("/api/v1/payments/sandbox/" + orderId + "/pay", token, "{}", 202);
        assertThat(accepted.get("delivering").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(
                () -> api.get("/api/v1/payments/" + orderId, token, 200).get("status").asText().equals("paid"));
        return api.get("/api/v1/payments/" + orderId, token, 200);
    }

    @Test
    void aResidentPaysPartOfAnInvoiceThroughTheSandboxAndGetsAReceipt() throws Exception {
        long invoice = invoice(running, 1, "2026-01-01", 10_000);
        api.post("/api/v1/invoices/" + invoice + "/payments", otis, "{}", 404);
        JsonNode created = api.post("/api/v1/invoices/" + invoice + "/payments", rita, "{\"amountFen\": 4000}", 201);
        long order = created.get("order").get("id").asLong();
        assertThat(created.get("order").get("status").asText()).isEqualTo("created");
        assertThat(created.get("checkout").get("redirectUrl").asText())
                .isEqualTo("/api/v1/payments/sandbox/" + order + "/pay");
        assertThat(created.get("checkout").get("qrContent").asText()).contains("amountFen=4000");
        api.get("/api/v1/payments/" + order, otis, 404);

        JsonNode paid = payInSandbox(api, rita, order);
        assertThat(paid.get("receiptNumber").asLong()).isPositive();
        JsonNode receipt = api.get("/api/v1/payments/" + order + "/receipt", rita, 200);
        assertThat(receipt.get("appliedFen").asLong()).isEqualTo(4_000);
        assertThat(receipt.get("creditFen").asLong()).isZero();
        api.get("/api/v1/payments/" + order + "/receipt", otis, 404);
        assertThat(paidFen(invoice)).isEqualTo(4_000);
        assertThat(running.sqlRows("SELECT verdict FROM payment_callbacks WHERE order_id = " + order))
                .containsExactly("settled");
        assertThat(running.sqlRows("SELECT p.side || ' ' || a.kind || ' ' || p.amount_fen FROM journal_entries e "
                + "JOIN ledger_postings p ON p.entry_id = e.id JOIN ledger_accounts a ON a.id = p.account_id "
                + "WHERE e.idempotency_key = 'payment:" + order + "' ORDER BY p.side DESC"))
                .containsExactly("D provider_clearing 4000", "C receivable 4000");

        // the rest by default: what is still open
        JsonNode rest = api.post("/api/v1/invoices/" + invoice + "/payments", pia, "{}", 201);
        assertThat(rest.get("order").get("amountFen").asLong()).isEqualTo(6_000);
        assertThat(api.get("/api/v1/me/payments", rita, 200).get("items")).extracting(n -> n.get("id").asLong())
                .contains(order, rest.get("order").get("id").asLong());
        assertThat(api.get("/api/v1/me/payments", otis, 200).get("items")).isEmpty();
    }

    @Test
    void anOverpaymentBecomesCreditWhichStaffApplyAndARefundTakesCreditFirst() throws Exception {
        long first = invoice(running, 2, "2026-02-01", 3_000);
        long second = invoice(running, 2, "2026-03-01", 5_000);
        long order = api.post("/api/v1/invoices/" + first + "/payments", otis, "{\"amountFen\": 7000}", 201)
                .get("order").get("id").asLong();
        payInSandbox(api, otis, order);
        JsonNode receipt = api.get("/api/v1/payments/" + order + "/receipt", otis, 200);
        assertThat(receipt.get("appliedFen").asLong()).isEqualTo(3_000);
        assertThat(receipt.get("creditFen").asLong()).isEqualTo(4_000);

        JsonNode applied = api.post("/api/v1/invoices/" + second + "/credit-applications", pia, "{}", 200);
        assertThat(applied.get("appliedFen").asLong()).isEqualTo(4_000);
        assertThat(applied.get("openFen").asLong()).isEqualTo(1_000);
        assertThat(applied.get("creditFen").asLong()).isZero();
        api.post("/api/v1/invoices/" + second + "/credit-applications", pia, "{}", 409);
        api.post("/api/v1/invoices/" + second + "/credit-applications", otis, "{}", 403);

        // the credit is used up, so a refund comes off the invoice it paid, which is open again by it
        JsonNode refund = api.post("/api/v1/payments/" + order + "/refunds", pia,
                "{\"amountFen\": 1000, \"reason\": \"double charge\"}", 201);
        assertThat(refund.get("invoiceFen").asLong()).isEqualTo(1_000);
        assertThat(refund.get("creditFen").asLong()).isZero();
        assertThat(paidFen(first)).isEqualTo(2_000);
        api.post("/api/v1/payments/" + order + "/refunds", pia, "{\"amountFen\": 2001, \"reason\": \"too much\"}", 409);
        api.post("/api/v1/payments/" + order + "/refunds", otis, "{\"reason\": \"mine\"}", 403);
        assertThat(running.sqlRows("SELECT count(*) FROM audit_log WHERE action IN ('payment.refunded', "
                + "'payment.credit_applied')")).containsExactly("2");
    }

    @Test
    void aRefundOfAnOverpaymentTakesTheUnusedCreditFirst() throws Exception {
        long invoice = invoice(running, 1, "2026-04-01", 2_000);
        long order = api.post("/api/v1/invoices/" + invoice + "/payments", rita, "{\"amountFen\": 2500}", 201)
                .get("order").get("id").asLong();
        payInSandbox(api, rita, order);
        JsonNode refund = api.post("/api/v1/payments/" + order + "/refunds", pia,
                "{\"amountFen\": 700, \"reason\": \"overpaid\"}", 201);
        assertThat(refund.get("creditFen").asLong()).isEqualTo(500);
        assertThat(refund.get("invoiceFen").asLong()).isEqualTo(200);
        assertThat(paidFen(invoice)).isEqualTo(1_800);
        api.post("/api/v1/payments/" + order + "/refunds", pia, "{\"reason\": \"all of the rest\"}", 201);
        assertThat(api.get("/api/v1/payments/" + order, rita, 200).get("status").asText()).isEqualTo("refunded");
        assertThat(paidFen(invoice)).isZero();
    }

    @Test
    void staffRecordCashOnceForTheSameIdempotencyKey() throws Exception {
        long invoice = invoice(running, 1, "2026-05-01", 8_800);
        String body = "{\"method\": \"cash\", \"amountFen\": 8800, \"reference\": \"receipt book 12/7\"}";
        JsonNode first = send("/api/v1/invoices/" + invoice + "/manual-payments", pia, body, "cash-1", 201);
        JsonNode again = send("/api/v1/invoices/" + invoice + "/manual-payments", pia, body, "cash-1", 200);
        assertThat(again.get("id").asLong()).isEqualTo(first.get("id").asLong());
        assertThat(first.get("status").asText()).isEqualTo("paid");
        assertThat(paidFen(invoice)).isEqualTo(8_800);
        send("/api/v1/invoices/" + invoice + "/manual-payments", pia, body.replace("8800", "100"), "cash-1", 409);
        send("/api/v1/invoices/" + invoice + "/manual-payments", pia, body, null, 400);
        send("/api/v1/invoices/" + invoice + "/manual-payments", pia, body.replace("cash", "cheque"), "cash-2", 400);
        send("/api/v1/invoices/" + invoice + "/manual-payments", rita, body, "cash-3", 403);
        assertThat(running.sqlRows("SELECT count(*) FROM audit_log WHERE action = 'payment.recorded' "
                + "AND target = 'payment:" + first.get("id").asLong() + "'")).containsExactly("1");
        assertThat(running.sqlRows("SELECT p.side || ' ' || a.kind FROM journal_entries e "
                + "JOIN ledger_postings p ON p.entry_id = e.id JOIN ledger_accounts a ON a.id = p.account_id "
                + "WHERE e.idempotency_key = 'payment:" + first.get("id").asLong() + "' ORDER BY p.side DESC"))
                .containsExactly("D cash", "C receivable");
    }

    @Test
    void badInputIsA400() throws Exception {
        long invoice = invoice(running, 1, "2026-06-01", 1_000);
        api.post("/api/v1/invoices/" + invoice + "/payments", rita, "{\"amountFen\": -5}", 400);
        api.post("/api/v1/invoices/" + invoice + "/payments", rita, "{\"amountFen\": 10.5}", 400);
        api.post("/api/v1/invoices/" + invoice + "/payments", rita, "{\"amountFen\": 0}", 400);
        api.post("/api/v1/invoices/" + invoice + "/payments", rita, "{\"provider\": \"wechat\"}", 400);
        api.post("/api/v1/invoices/x/payments", rita, "{}", 400);
        api.post("/api/v1/invoices/999999/payments", rita, "{}", 404);
    }

    private static long paidFen(long invoice) {
        return Long.parseLong(running.sqlRows("SELECT coalesce(sum(invoice_fen), 0) FROM payment_allocations "
                + "WHERE invoice_id = " + invoice).get(0));
    }

    private static JsonNode send(String path, String token, String body, String key, int status) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(running.baseUrl() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        HttpResponse<String> response = running.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(status);
        return Json.MAPPER.readTree(response.body());
    }

    static Instant now() {
        return Instant.now();
    }
}
