package org.anju.platform.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.anju.error.ClientError;

/**
 * Cursors are opaque to clients and exact for the lists: timestamps keep their microseconds, text
 * keeps any character, and anything not issued by a list is a 400.
 */
class PageCursorTest {

    private static final TimeRange RANGE = new TimeRange(Instant.parse("2026-11-28T08:00:00.123456Z"),
            Instant.parse("2026-11-29T08:00:00Z"));

    @Test
    void roundTripsTimestampsToTheMicrosecondIdsAndText() {
        Instant ts = Instant.parse("2026-11-29T07:59:59.999999Z");
        PageCursor cursor = PageCursor.after(RANGE, ts, 42L, "elevator", "Lift \"A\" / 1");

        PageCursor read = PageCursor.parse(cursor.encode(), Long.class, Long.class, String.class, String.class);

        assertThat(read.instant(0)).isEqualTo(ts);
        assertThat(read.number(1)).isEqualTo(42);
        assertThat(read.text(2)).isEqualTo("elevator");
        assertThat(read.text(3)).isEqualTo("Lift \"A\" / 1");
        assertThat(read.range()).isEqualTo(RANGE);
        assertThat(cursor.encode()).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void aCursorWithoutRangeRoundTrips() {
        PageCursor read = PageCursor.parse(PageCursor.after(null, 7L).encode(), Long.class);

        assertThat(read.range()).isNull();
        assertThat(read.number(0)).isEqualTo(7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"%%%", "aGVsbG8", "WyJwMSIsbnVsbCxudWxsLCJ4Il0", "WyJwMiIsbnVsbCxudWxsLDFd",
            "WyJwMSIsMSxudWxsLDFd", "WyJwMSIsbnVsbCxudWxsLDEuNV0"})
    void anythingElseIsA400(String encoded) {
        // garbage, not JSON, a text where a number belongs, another version, half a range, a fraction
        assertThatThrownBy(() -> PageCursor.parse(encoded, Long.class))
                .isInstanceOf(ClientError.class)
                .hasMessage("parameter 'cursor' is not a cursor returned by this list");
    }

    @Test
    void theFixtureCursorsAreWhatTheyClaim() {
        assertThat(decode("WyJwMSIsbnVsbCxudWxsLCJ4Il0")).isEqualTo("[\"p1\",null,null,\"x\"]");
        assertThat(decode("WyJwMiIsbnVsbCxudWxsLDFd")).isEqualTo("[\"p2\",null,null,1]");
        assertThat(decode("WyJwMSIsMSxudWxsLDFd")).isEqualTo("[\"p1\",1,null,1]");
        assertThat(decode("WyJwMSIsbnVsbCxudWxsLDEuNV0")).isEqualTo("[\"p1\",null,null,1.5]");
    }

    private static String decode(String encoded) {
        return new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.US_ASCII);
    }
}
