package org.anju.platform.alerts;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.anju.error.ClientError;

/**
 * Where the next page of a newest-first list of records starts: just below this id. Clients see
 * it as an opaque string.
 */
public record IdCursor(long id) {

    private static final Pattern FORM = Pattern.compile("i1:(\\d{1,19})");

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("i1:" + id).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Reads an opaque cursor; null or empty means the first page ({@link Long#MAX_VALUE}).
     *
     * @throws ClientError 400 when it is not one this service issued
     */
    public static IdCursor parse(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return new IdCursor(Long.MAX_VALUE);
        }
        try {
            Matcher m = FORM.matcher(new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.US_ASCII));
            if (m.matches()) {
                return new IdCursor(Long.parseLong(m.group(1)));
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw ClientError.badRequest("parameter 'cursor' is not a cursor returned by this API");
    }
}
