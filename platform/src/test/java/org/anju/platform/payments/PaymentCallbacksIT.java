package org.anju.platform.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.testing.ApiCalls;
import org.anju.platform.testing.AtOnce;
import org.anju.platform.testing.RunningPlatform;

/**
 * Providers' callbacks over real HTTP: forged, late, replayed, malformed, for an unknown order or
 * another amount are refused with a 4xx and kept in the callback log with their verdict; a callback
 * delivered again, and eight delivered at once (fresh nonces, or the same one), pay the order once:
 * one ledger entry, one allocation, one receipt. A flood of forged callbacks is stored up to the
 * budget and counted exactly beyond it while a valid callback still settles; the retention deletes
 * old refused callbacks and keeps accepted ones; a reported failure fails an order once and never
 * un-pays one.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PaymentCallbacksIT {

    private static final String CALLBACKS = "/api/v1/payments/callbacks/sandbox";
    private static final int N = 8;
    private static RunningPlatform running;
    private static ApiCalls api;
    private static String rita;
    private static SandboxProvider provider;

    @BeforeAll
    static void start() throws Exception {
        running = RunningPlatform.start(Map.of("ANJU_PAYMENTS_SANDBOX_KEY", PaymentsApiIT.KEY));
        api = new ApiCalls(running);
        rita = withRita(running);
        provider = new SandboxProvider(PaymentsApiIT.KEY, "/unused");
    }

    /** Adds resident rita of household 1 and returns her session. */
    private static String withRita(RunningPlatform on) throws Exception {
        on.fixtures().propertyUser("rita", "rita-password", "resident");
        on.sql("""
                INSERT INTO households (id, community_id, building_id, unit_id, floor, number, private_area_m2) VALUES
                  (1, 'elm-court', 'elm-b1', NULL, 3, '301', 89.50);
                INSERT INTO household_members (household_id, username, relation, since) VALUES (1, 'rita', 'owner', '2020-01-01');
                """);
        return on.login("rita", "rita-password");
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    private static long order(String period, long fen) throws Exception {
        return order(PaymentsApiIT.invoice(running, 1, period, fen));
    }

    private static long order(long invoice) throws Exception {
        return api.post("/api/v1/invoices/" + invoice + "/payments", rita, "{}", 201).get("order").get("id").asLong();
    }

    @Test
    void badCallbacksAreRefusedAndLogged() throws Exception {
        long order = order("2026-01-01", 5_000);
        String logged = running.sqlRows("SELECT coalesce(max(id), 0) FROM payment_callbacks").get(0);
        SignedCallback good = provider.paid(Long.toString(order), 5_000, Instant.now());

        assertThat(deliver(new SignedCallback(good.body(), good.timestamp(), good.nonce(),
                CallbackSignature.sign("another-key-of-at-least-32-characters!!", good.timestamp(), good.nonce(),
                        good.body())))).isEqualTo(401);
        assertThat(deliver(new SignedCallback(good.body().replace("5000", "1"), good.timestamp(), good.nonce(),
                good.signatureHex()))).isEqualTo(401);
        assertThat(deliver(new SignedCallback(good.body(), 0, "", ""))).isEqualTo(401);
        assertThat(deliver(provider.paid(Long.toString(order), 5_000, Instant.now().minusSeconds(301)))).isEqualTo(400);
        assertThat(deliver(provider.paid(Long.toString(order), 4_999, Instant.now()))).isEqualTo(409);
        assertThat(deliver(provider.paid("999999", 5_000, Instant.now()))).isEqualTo(400);
        assertThat(deliver(signed("[1, 2]"))).isEqualTo(400);
        assertThat(deliver(signed("{\"orderId\": " + order + ", \"amountFen\": 50.5, \"providerTransactionId\": \"x\"}")))
                .isEqualTo(400);
        String longNonce = "n".repeat(201);
        String body = "{\"orderId\": " + order + ", \"amountFen\": 5000, \"providerTransactionId\": \"t\"}";
        long ts = Instant.now().getEpochSecond();
        assertThat(deliver(new SignedCallback(body, ts, longNonce, CallbackSignature.sign(PaymentsApiIT.KEY, ts,
                longNonce, body)))).isEqualTo(400);
        assertThat(api.get("/api/v1/payments/" + order, rita, 200).get("status").asText()).isEqualTo("created");

        assertThat(deliver(good)).isEqualTo(200);
        assertThat(deliver(good)).as("the same nonce again").isEqualTo(409);
        assertThat(deliver(provider.paid(Long.toString(order), 5_000, Instant.now()))).as("redelivered").isEqualTo(200);
        assertThat(running.sqlRows("SELECT verdict FROM payment_callbacks WHERE id > " + logged + " ORDER BY id")).containsExactly("forged",
                "forged", "forged", "late", "amount_mismatch", "unknown_order", "malformed", "malformed", "malformed", "settled",
                "replayed", "duplicate");
        assertThat(running.sqlRows("SELECT count(*) FROM payment_callbacks WHERE order_id = 999999"))
                .containsExactly("1");
        assertSettledOnce(order);
        HttpResponse<String> unknown = post("/api/v1/payments/callbacks/wechat", good);
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void anExpiredOrderStillSettlesWhenItsPaymentArrives() throws Exception {
        long order = order("2026-04-01", 1_500);
        running.sql("UPDATE payment_orders SET created_at = now() - interval '3 hours' WHERE id = " + order);
        assertThat(api.get("/api/v1/payments/" + order, rita, 200).get("status").asText()).isEqualTo("expired");
        assertThat(deliver(provider.paid(Long.toString(order), 1_500, Instant.now()))).isEqualTo(200);
        assertSettledOnce(order);
    }

    @Test
    void concurrentRedeliveriesPayOnce() throws Exception {
        long order = order("2026-02-01", 6_600);
        List<Callable<Object>> calls = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            SignedCallback callback = provider.paid(Long.toString(order), 6_600, Instant.now());
            calls.add(() -> deliver(callback));
        }
        assertThat(AtOnce.run(calls)).containsOnly(200);
        assertSettledOnce(order);
        assertThat(running.sqlRows("SELECT verdict, count(*) FROM payment_callbacks WHERE order_id = " + order
                + " GROUP BY verdict ORDER BY verdict")).containsExactly("duplicate " + (N - 1), "settled 1");
    }

    @Test
    void concurrentCopiesOfOneCallbackPayOnceAndTheRestAreReplays() throws Exception {
        long order = order("2026-03-01", 7_700);
        SignedCallback callback = provider.paid(Long.toString(order), 7_700, Instant.now());
        List<Callable<Object>> calls = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            calls.add(() -> deliver(callback));
        }
        List<Object> answers = AtOnce.run(calls);
        assertThat(answers).filteredOn(a -> a.equals(200)).hasSize(1);
        assertThat(answers).filteredOn(a -> a.equals(409)).hasSize(N - 1);
        assertSettledOnce(order);
    }

    @Test
    void aFloodOfForgedCallbacksIsStoredUpToTheBudgetAndCountedExactlyBeyondIt() throws Exception {
        int budget = 25;
        // one window for the whole test (windows start at multiples of their length from the epoch:
        // the next boundary of 100,000 days is in 2243), so that the figures are exact
        Duration window = Duration.ofDays(100_000);
        try (RunningPlatform flooded = RunningPlatform.start(Map.of("ANJU_PAYMENTS_SANDBOX_KEY", PaymentsApiIT.KEY,
                "ANJU_PAYMENTS_REFUSED_CALLBACKS_BUDGET", Integer.toString(budget),
                "ANJU_PAYMENTS_REFUSED_CALLBACKS_WINDOW", window.toDays() + "d"))) {
            String token = withRita(flooded);
            long invoice = PaymentsApiIT.invoice(flooded, 1, "2026-06-01", 3_300);
            long order = new ApiCalls(flooded).post("/api/v1/invoices/" + invoice + "/payments", token, "{}", 201)
                    .get("order").get("id").asLong();
            SignedCallback good = provider.paid(Long.toString(order), 3_300, Instant.now());
            SignedCallback forged = new SignedCallback(good.body(), good.timestamp(), good.nonce(), "00".repeat(32));
            int streams = N;
            int perStream = 15;
            List<Callable<Object>> calls = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                boolean carriesTheGoodOne = i == 0;
                calls.add(() -> {
                    List<Integer> answers = new ArrayList<>();
                    for (int k = 0; k < perStream; k++) {
                        answers.add(post(flooded, CALLBACKS, forged).statusCode());
                        if (carriesTheGoodOne && k == perStream / 2) {
                            answers.add(1_000 + post(flooded, CALLBACKS, good).statusCode());
                        }
                    }
                    return answers;
                });
            }
            List<Object> answers = AtOnce.run(calls).stream().flatMap(a -> ((List<?>) a).stream())
                    .map(Object.class::cast).toList();
            int sent = streams * perStream;

            assertThat(answers).hasSize(sent + 1).containsOnly(401, 1_200).filteredOn(a -> a.equals(1_200)).hasSize(1);
            assertThat(flooded.sqlRows("SELECT status FROM payment_orders WHERE id = " + order)).containsExactly("paid");
            assertThat(flooded.sqlRows("SELECT verdict, count(*) FROM payment_callbacks GROUP BY verdict ORDER BY 1"))
                    .containsExactly("forged " + budget, "settled 1");
            assertThat(flooded.sqlRows("SELECT verdict, count, reported FROM payment_callbacks_not_stored"))
                    .containsExactly("forged " + (sent - budget) + " f");
            assertThat(flooded.sqlRows("SELECT stored FROM payment_callback_windows")).containsExactly(
                    Integer.toString(budget));
            assertThat(flooded.sqlRows("SELECT count(*) FROM payment_callbacks WHERE octet_length(body) > "
                    + CallbackLog.MAX_REFUSED_BODY_BYTES)).containsExactly("0");

            // the summary of the window is logged once it has ended (kept here: a retention longer than the window)
            Instant windowEnd = CallbackCheck.windowStart(Instant.now(), window).plus(window);
            assertThat(housekeeping(flooded, budget, window, window.multipliedBy(2), windowEnd.minusSeconds(1)))
                    .isZero();
            assertThat(flooded.sqlRows("SELECT reported FROM payment_callbacks_not_stored")).containsExactly("f");
            assertThat(housekeeping(flooded, budget, window, window.multipliedBy(2), windowEnd)).isZero();
            assertThat(flooded.sqlRows("SELECT reported FROM payment_callbacks_not_stored")).containsExactly("t");
            // past the retention, the refused callbacks and the counts go; the accepted one stays
            assertThat(housekeeping(flooded, budget, window, Duration.ofDays(90), windowEnd)).isEqualTo(budget);
            assertThat(flooded.sqlRows("SELECT verdict FROM payment_callbacks")).containsExactly("settled");
            assertThat(flooded.sqlRows("SELECT count(*) FROM payment_callbacks_not_stored")).containsExactly("0");
        }
    }

    private static int housekeeping(RunningPlatform on, int budget, Duration window, Duration retention, Instant now) {
        return new CallbackHousekeeping(on.platform().database().work(),
                new PaymentSettings.RefusedCallbacks(budget, window, retention), Clock.fixed(now, ZoneOffset.UTC)).run();
    }

    @Test
    void theRetentionDeletesOldRefusedCallbacksAndKeepsAcceptedOnes() throws Exception {
        long order = order("2026-07-01", 2_200);
        assertThat(deliver(provider.paid(Long.toString(order), 2_100, Instant.now()))).isEqualTo(409);
        assertThat(deliver(provider.paid(Long.toString(order), 2_200, Instant.now()))).isEqualTo(200);
        assertThat(deliver(provider.paid(Long.toString(order), 2_200, Instant.now()))).isEqualTo(200);
        assertThat(deliver(provider.paid(Long.toString(order), 2_000, Instant.now()))).isEqualTo(409);
        Instant now = Instant.now();
        String ofOrder = "FROM payment_callbacks WHERE order_id = " + order;
        // all but the last refusal are 91 days old; the last one is 89 days old, within the retention
        running.sql("UPDATE payment_callbacks SET received_at = '" + now.minus(Duration.ofDays(91)) + "' WHERE id IN "
                + "(SELECT id " + ofOrder + " AND verdict IN ('settled', 'duplicate') UNION SELECT min(id) " + ofOrder
                + " AND verdict = 'amount_mismatch')");
        running.sql("UPDATE payment_callbacks SET received_at = '" + now.minus(Duration.ofDays(89)) + "' WHERE id = "
                + "(SELECT max(id) " + ofOrder + " AND verdict = 'amount_mismatch')");

        housekeeping(running, 1_000, Duration.ofMinutes(1), Duration.ofDays(90), now);

        assertThat(running.sqlRows("SELECT verdict, (received_at < now() - interval '90 days') " + ofOrder
                + " ORDER BY id")).containsExactly("settled t", "duplicate t", "amount_mismatch f");
        assertSettledOnce(order);
    }

    @Test
    void aReportedFailureFailsTheOrderOnceAndNeverUnpays() throws Exception {
        long invoice = PaymentsApiIT.invoice(running, 1, "2026-08-01", 4_400);
        long failing = order(invoice);
        assertThat(deliver(provider.failed(Long.toString(failing), 4_400, "insufficient funds", Instant.now())))
                .isEqualTo(200);
        assertThat(deliver(provider.failed(Long.toString(failing), 4_400, "insufficient funds", Instant.now())))
                .as("reported twice").isEqualTo(200);
        JsonNode failed = api.get("/api/v1/payments/" + failing, rita, 200);
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("failureReason").asText()).isEqualTo("insufficient funds");
        assertThat(running.sqlRows("SELECT verdict FROM payment_callbacks WHERE order_id = " + failing + " ORDER BY id"))
                .containsExactly("failed", "duplicate");
        assertThat(running.sqlRows("SELECT count(*) FROM payment_allocations WHERE order_id = " + failing))
                .containsExactly("0");

        // the resident starts a new payment; the sandbox fails it on request
        long retried = order(invoice);
        api.post("/api/v1/payments/sandbox/" + retried + "/pay", rita, "{\"outcome\": \"maybe\"}", 400);
        api.post("/api/v1/payments/sandbox/" + retried + "/pay", rita, "{\"outcome\": \"fail\"}", 202);
        await().atMost(Duration.ofSeconds(30)).until(
                () -> api.get("/api/v1/payments/" + retried, rita, 200).get("status").asText().equals("failed"));
        assertThat(api.get("/api/v1/payments/" + retried, rita, 200).get("failureReason").asText())
                .isEqualTo(SandboxPayer.FAILURE_REASON);
        // a payment the provider still reports for a failed order settles: it took the money
        JsonNode paid = PaymentsApiIT.payInSandbox(api, rita, retried);
        assertThat(paid.get("failureReason").isNull()).isTrue();

        assertThat(deliver(provider.failed(Long.toString(retried), 4_400, "reversed", Instant.now()))).isEqualTo(409);
        assertSettledOnce(retried);
        assertThat(running.sqlRows("SELECT sum(invoice_fen) FROM payment_allocations WHERE invoice_id = " + invoice))
                .containsExactly("4400");
        assertThat(running.sqlRows("SELECT verdict FROM payment_callbacks WHERE order_id = " + retried + " ORDER BY id"))
                .containsExactly("failed", "settled", "failure_for_paid");
    }

    private static void assertSettledOnce(long order) {
        assertThat(running.sqlRows("SELECT count(*) FROM journal_entries WHERE idempotency_key = 'payment:" + order + "'"))
                .containsExactly("1");
        assertThat(running.sqlRows("SELECT count(*) FROM payment_allocations WHERE order_id = " + order))
                .containsExactly("1");
        assertThat(running.sqlRows("SELECT count(*) FROM payment_receipts WHERE order_id = " + order))
                .containsExactly("1");
        assertThat(running.sqlRows("SELECT status FROM payment_orders WHERE id = " + order)).containsExactly("paid");
    }

    private static SignedCallback signed(String body) {
        long ts = Instant.now().getEpochSecond();
        String nonce = UUID.randomUUID().toString();
        return new SignedCallback(body, ts, nonce, CallbackSignature.sign(PaymentsApiIT.KEY, ts, nonce, body));
    }

    private static int deliver(SignedCallback callback) throws Exception {
        HttpResponse<String> response = post(CALLBACKS, callback);
        assertThat(response.body()).doesNotContain("SQL").doesNotContain("Exception");
        return response.statusCode();
    }

    private static HttpResponse<String> post(String path, SignedCallback callback) throws Exception {
        return post(running, path, callback);
    }

    private static HttpResponse<String> post(RunningPlatform on, String path, SignedCallback callback)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(on.baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(callback.body()));
        if (!callback.nonce().isEmpty()) {
            request.header(SandboxPayer.TIMESTAMP_HEADER, Long.toString(callback.timestamp()))
                    .header(SandboxPayer.NONCE_HEADER, callback.nonce())
                    .header(SandboxPayer.SIGNATURE_HEADER, callback.signatureHex());
        }
        return on.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
