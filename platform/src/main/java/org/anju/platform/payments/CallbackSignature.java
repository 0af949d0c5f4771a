package org.anju.platform.payments;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of payment callbacks: HMAC-SHA256 with the provider's key over the canonical text
 * {@code <timestamp>.<nonce>.<body>}, so that neither the time, the nonce nor a byte of the body can
 * be changed without the key. Compared in constant time.
 */
public final class CallbackSignature {

    private CallbackSignature() {
    }

    /** Returns the text that is signed. */
    public static String canonical(long timestamp, String nonce, String body) {
        return timestamp + "." + nonce + "." + body;
    }

    /** Returns the hex signature of a callback under the key. */
    public static String sign(String key, long timestamp, String nonce, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(canonical(timestamp, nonce, body).getBytes(UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Returns whether the callback's signature is the key's, in constant time. */
    public static boolean valid(String key, SignedCallback callback) {
        byte[] expected = sign(key, callback.timestamp(), callback.nonce(), callback.body()).getBytes(UTF_8);
        return MessageDigest.isEqual(expected, callback.signatureHex().toLowerCase(java.util.Locale.ROOT).getBytes(UTF_8));
    }
}
