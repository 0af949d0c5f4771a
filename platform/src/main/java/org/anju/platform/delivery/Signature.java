package org.anju.platform.delivery;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Anju-Signature} header of outbound deliveries: {@code t=<unix seconds>,v1=<hex>}
 * where v1 is HMAC-SHA256 with the subscription's secret over {@code <t>.<body>}. The timestamp
 * lets receivers refuse replays of old requests.
 */
public final class Signature {

    /** The header that carries the signature. */
    public static final String HEADER = "Anju-Signature";

    private Signature() {
    }

    /** Returns the header value for a body sent at {@code epochSeconds}. */
    public static String header(String secret, long epochSeconds, byte[] body) {
        return "t=" + epochSeconds + ",v1=" + hmacHex(secret, epochSeconds, body);
    }

    static String hmacHex(String secret, long epochSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256"));
            mac.update((epochSeconds + ".").getBytes(UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
