package org.anju.platform.storage.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.anju.error.ClientError;

class EventCursorTest {

    @Test
    void roundTripsToTheMicrosecond() {
        EventCursor cursor = new EventCursor(Instant.parse("2026-11-29T08:00:00.123456Z"), 4711);

        assertThat(EventCursor.parse(cursor.encode())).isEqualTo(cursor);
        assertThat(cursor.encode()).doesNotContain("=", "+", "/");
    }

    @Test
    void instantsBeforeTheEpochRoundTrip() {
        EventCursor cursor = new EventCursor(Instant.parse("1969-12-31T23:59:59.999999Z"), 1);

        assertThat(EventCursor.parse(cursor.encode())).isEqualTo(cursor);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "%%%", "e1:12:34", "ZTE6MTI="})
    void anythingElseIsA400(String encoded) {
        assertThatThrownBy(() -> EventCursor.parse(encoded))
                .isInstanceOfSatisfying(ClientError.class, e -> assertThat(e.code()).isEqualTo(400))
                .hasMessageContaining("'cursor'");
    }

    @Test
    void aTamperedNumberIsA400() {
        String huge = Base64.getUrlEncoder().encodeToString("e1:99999999999999999999:1".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> EventCursor.parse(huge)).isInstanceOf(ClientError.class);
    }
}
