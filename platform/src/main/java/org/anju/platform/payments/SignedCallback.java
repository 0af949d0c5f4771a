package org.anju.platform.payments;

import java.util.Objects;

/**
 * A provider's asynchronous payment callback as it arrives: the raw body and the headers that
 * sign it.
 *
 * @param body           the raw request body, signed byte for byte (UTF-8 JSON)
 * @param timestamp      unix seconds when the provider signed it
 * @param nonce          a value the provider never repeats; seen twice means a replay
 * @param signatureHex   HMAC-SHA256 of {@link CallbackSignature#canonical} under the provider's key, hex
 */
public record SignedCallback(String body, long timestamp, String nonce, String signatureHex) {

    public SignedCallback {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(signatureHex, "signatureHex");
    }
}
