package org.anju.platform.payments;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's payer: "paying" an order makes the sandbox sign a callback and deliver it to the
 * platform's callback endpoint over HTTP, asynchronously, as a real provider does, trying again
 * (up to {@link #ATTEMPTS} times, 1 s, 2 s apart) while the endpoint fails or answers 5xx.
 */
public final class SandboxPayer {

    /** The header of the signing time (unix seconds). */
    public static final String TIMESTAMP_HEADER = "Payment-Timestamp";
    /** The header of the nonce. */
    public static final String NONCE_HEADER = "Payment-Nonce";
    /** The header of the signature (hex HMAC-SHA256, {@link CallbackSignature}). */
    public static final String SIGNATURE_HEADER = "Payment-Signature";
    /** The path of a provider's callback endpoint, after the base URL. */
    public static final String CALLBACK_PATH = "/api/v1/payments/callbacks/";
    static final int ATTEMPTS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(SandboxPayer.class);

    private final SandboxProvider sandbox;
    private final Supplier<String> baseUrl;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param baseUrl the platform's base URL (known once the API listens), e.g. {@code http://127.0.0.1:8080} */
    public SandboxPayer(SandboxProvider sandbox, Supplier<String> baseUrl, Clock clock) {
        this.sandbox = sandbox;
        this.baseUrl = baseUrl;
        this.clock = clock;
    }

    /** The reason the sandbox gives for a payment it fails. */
    public static final String FAILURE_REASON = "sandbox: the payer's payment was declined";

    /**
     * Pays the order in the sandbox: signs a callback of {@code amountFen} and delivers it.
     *
     * @return the platform's final answer status (or -1 when every attempt failed to connect)
     */
    public CompletableFuture<Integer> pay(long orderId, long amountFen) {
        SignedCallback callback = sandbox.paid(Long.toString(orderId), amountFen, clock.instant());
        return deliver(callback, orderId, 1);
    }

    /**
     * Fails the order's payment in the sandbox: signs a callback reporting the failure
     * ({@link #FAILURE_REASON}) and delivers it.
     *
     * @return the platform's final answer status (or -1 when every attempt failed to connect)
     */
    public CompletableFuture<Integer> fail(long orderId, long amountFen) {
        SignedCallback callback = sandbox.failed(Long.toString(orderId), amountFen, FAILURE_REASON, clock.instant());
        return deliver(callback, orderId, 1);
    }

    private CompletableFuture<Integer> deliver(SignedCallback callback, long orderId, int attempt) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl.get() + CALLBACK_PATH + SandboxProvider.NAME))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header(TIMESTAMP_HEADER, Long.toString(callback.timestamp())).header(NONCE_HEADER, callback.nonce())
                .header(SIGNATURE_HEADER, callback.signatureHex())
                .POST(HttpRequest.BodyPublishers.ofString(callback.body())).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
            int status = failure == null ? response.statusCode() : -1;
            if ((status == -1 || status >= 500) && attempt < ATTEMPTS) {
                LOG.info("Sandbox callback not taken, trying again [order: {}, attempt: {}, status: {}]", orderId,
                        attempt, status);
                return CompletableFuture.supplyAsync(() -> 0,
                        CompletableFuture.delayedExecutor(attempt, TimeUnit.SECONDS))
                        .thenCompose(x -> deliver(callback, orderId, attempt + 1));
            }
            if (status != 200) {
                LOG.warn("Sandbox callback not taken [order: {}, status: {}, answer: {}]", orderId, status,
                        failure == null ? response.body() : failure.toString());
            }
            return CompletableFuture.completedFuture(status);
        }).thenCompose(f -> f);
    }
}
