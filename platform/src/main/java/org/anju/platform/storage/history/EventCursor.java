package org.anju.platform.storage.history;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.anju.error.ClientError;

/**
 * Where the next page of events starts: just after the event with this timestamp and id in the
 * order newest first. Clients see it as an opaque string.
 */
public record EventCursor(Instant ts, long id) {

    private static final Pattern FORM = Pattern.compile("e1:(-?\\d{1,19}):(\\d{1,19})");

    /** Returns the opaque form. */
    public String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, ts);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("e1:" + micros + ":" + id).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Reads an opaque cursor.
     *
     * @throws ClientError 400 when it is not one this service issued
     */
    public static EventCursor parse(String encoded) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.US_ASCII);
            Matcher m = FORM.matcher(text);
            if (m.matches()) {
                return new EventCursor(Instant.EPOCH.plus(Long.parseLong(m.group(1)), ChronoUnit.MICROS),
                        Long.parseLong(m.group(2)));
            }
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
            // answered below
        }
        throw ClientError.badRequest("parameter 'cursor' is not a cursor returned by this API");
    }
}
