package org.anju.platform.payments;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The checks a payment callback passes before anything is settled, in this order: the signature
 * (else {@link Verdict#FORGED}), the time (more than the tolerance before or after now:
 * {@link Verdict#LATE}), the nonce (seen before: {@link Verdict#REPLAYED}). The amount is checked
 * against the order afterwards ({@link Verdict#AMOUNT_MISMATCH}), once the order is known.
 * <p>
 * The signature is checked first so that an attacker's unsigned requests cannot fill the nonce
 * store or learn anything from the answer.
 */
public final class CallbackCheck {

    /** The default tolerance between the provider's timestamp and our clock. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    /** What a check concluded. */
    public enum Verdict {
        ACCEPTED("accepted"),
        FORGED("forged"),
        LATE("late"),
        REPLAYED("replayed"),
        AMOUNT_MISMATCH("amount_mismatch");

        private final String wireName;

        Verdict(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /**
     * The outcomes of callbacks the platform took: kept whole, always (they are money records). Every
     * other outcome is a refusal, kept within the provider's budget ({@code payments.refusedCallbacks}).
     */
    public static final Set<String> ACCEPTED_OUTCOMES = Set.of("settled", "duplicate", "failed");

    private CallbackCheck() {
    }

    /**
     * Checks signature, time and nonce.
     *
     * @param nonceSeen answers whether the nonce was seen before; it is asked only for a callback
     *                  with a valid signature in time (the store records the nonce as it answers)
     */
    public static Verdict check(String key, SignedCallback callback, Instant now, Duration tolerance,
            Predicate<String> nonceSeen) {
        if (!CallbackSignature.valid(key, callback)) {
            return Verdict.FORGED;
        }
        long skew = Math.abs(now.getEpochSecond() - callback.timestamp());
        if (skew > tolerance.toSeconds()) {
            return Verdict.LATE;
        }
        return nonceSeen.test(callback.nonce()) ? Verdict.REPLAYED : Verdict.ACCEPTED;
    }

    /** Checks that the callback pays exactly what the order asked. */
    public static Verdict amount(long orderFen, long callbackFen) {
        return orderFen == callbackFen ? Verdict.ACCEPTED : Verdict.AMOUNT_MISMATCH;
    }

    /** Returns the start of the window {@code now} falls in: windows of {@code window} from the epoch on. */
    public static Instant windowStart(Instant now, Duration window) {
        long millis = window.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), millis) * millis);
    }

    /**
     * Returns the text cut to at most {@code maxBytes} bytes of UTF-8, never inside a character (a
     * refused callback's body is kept this long).
     */
    public static String cut(String text, int maxBytes) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return text;
        }
        int end = maxBytes;
        // back off to the first byte of a character: continuation bytes are 10xxxxxx
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
