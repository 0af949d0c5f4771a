package org.anju.platform.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

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
 * one ledger entry, one allocation, one receipt.
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
        running.fixtures().propertyUser("rita", "rita-password", "resident");
        running.sql("""
                INSERT INTO households (id, community_id, building_id, unit_id, floor, number, private_area_m2) VALUES
                  (1, 'elm-court', 'elm-b1', NULL, 3, '301', 89.50);
                INSERT INTO household_members (household_id, username, relation, since) VALUES (1, 'rita', 'owner', '2020-01-01');
                """);
        rita = running.login("rita", "rita-password");
        provider = new SandboxProvider(PaymentsApiIT.KEY, "/unused");
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    private static long order(String period, long fen) throws Exception {
        long invoice = PaymentsApiIT.invoice(running, 1, period, fen);
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
        assertThat(api.get("/api/v1/payments/" + order, rita, 200).get("status").asText()).isEqualTo("created");

        assertThat(deliver(good)).isEqualTo(200);
        assertThat(deliver(good)).as("the same nonce again").isEqualTo(409);
        assertThat(deliver(provider.paid(Long.toString(order), 5_000, Instant.now()))).as("redelivered").isEqualTo(200);
        assertThat(running.sqlRows("SELECT verdict FROM payment_callbacks WHERE id > " + logged + " ORDER BY id")).containsExactly("forged",
                "forged", "forged", "late", "amount_mismatch", "unknown_order", "malformed", "malformed", "settled",
                "replayed", "duplicate");
        assertThat(running.sqlRows("SELECT count(*) FROM payment_callbacks WHERE order_id = 999999"))
                .containsExactly("1");
        assertSettledOnce(order);
        HttpResponse<String> unknown = post("/api/v1/payments/callbacks/wechat", good);
        assertThat(unknown.statusCode()).isEqualTo(404);
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
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(running.baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(callback.body()));
        if (!callback.nonce().isEmpty()) {
            request.header(SandboxPayer.TIMESTAMP_HEADER, Long.toString(callback.timestamp()))
                    .header(SandboxPayer.NONCE_HEADER, callback.nonce())
                    .header(SandboxPayer.SIGNATURE_HEADER, callback.signatureHex());
        }
        return running.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
