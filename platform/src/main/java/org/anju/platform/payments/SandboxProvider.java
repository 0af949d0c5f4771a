package org.anju.platform.payments;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.anju.platform.Json;

/**
 * A provider that moves no money and takes every step of the real flow: an order's checkout data
 * point at the sandbox's pay page, and "paying" there makes the sandbox send the platform a
 * callback signed like a real provider's (HMAC-SHA256 over timestamp, nonce and body), so the UI
 * and the tests walk the same path as production.
 */
public final class SandboxProvider implements PaymentProvider {

    /** The provider's name. */
    public static final String NAME = "sandbox";

    private final String key;
    private final String payBaseUrl;

    /**
     * @param key        the sandbox's callback key (kept encrypted at rest, like webhook secrets)
     * @param payBaseUrl where the sandbox's pay page is, e.g. {@code /api/v1/payments/sandbox}
     */
    public SandboxProvider(String key, String payBaseUrl) {
        this.key = key;
        this.payBaseUrl = payBaseUrl;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Checkout checkout(String orderId, long amountFen, String subject) {
        String query = "order=" + URLEncoder.encode(orderId, StandardCharsets.UTF_8) + "&amountFen=" + amountFen;
        return new Checkout("anju-sandbox://pay?" + query, payBaseUrl + "/" + orderId + "/pay");
    }

    @Override
    public String callbackKey() {
        return key;
    }

    /**
     * Returns the callback the sandbox sends when the payer pays {@code amountFen} for the order at
     * {@code now}: body {@code {"orderId", "amountFen", "providerTransactionId"}}, a fresh nonce, signed.
     */
    public SignedCallback paid(String orderId, long amountFen, Instant now) {
        return signed(body(orderId, amountFen), now);
    }

    /**
     * Returns the callback the sandbox sends when the payment of the order fails at {@code now}: the
     * body of {@link #paid} with {@code "result": "failure"} and the {@code failureReason}.
     */
    public SignedCallback failed(String orderId, long amountFen, String reason, Instant now) {
        return signed(body(orderId, amountFen).put("result", "failure").put("failureReason", reason), now);
    }

    private static ObjectNode body(String orderId, long amountFen) {
        return Json.MAPPER.createObjectNode().put("orderId", orderId).put("amountFen", amountFen)
                .put("providerTransactionId", "sbx_" + UUID.randomUUID());
    }

    private SignedCallback signed(ObjectNode json, Instant now) {
        String body = json.toString();
        String nonce = UUID.randomUUID().toString();
        long timestamp = now.getEpochSecond();
        return new SignedCallback(body, timestamp, nonce, CallbackSignature.sign(key, timestamp, nonce, body));
    }
}
