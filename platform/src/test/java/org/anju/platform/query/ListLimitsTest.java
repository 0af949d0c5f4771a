package org.anju.platform.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.anju.error.ClientError;

/**
 * The one reading of list parameters: defaults, maxima named in 400s, and cursors that keep the
 * range of the first page.
 */
class ListLimitsTest {

    private static final Instant NOW = Instant.parse("2026-11-29T08:00:00Z");
    private static final ListLimits EVENTS = new ListLimits("events", Duration.ofHours(24), Duration.ofDays(31), 100, 1000);

    @Test
    void withoutParametersTheDefaultRangeEndsNowAndTheDefaultPageApplies() {
        ListRequest request = EVENTS.request(params(Map.of()), NOW, Long.class);

        assertThat(request.range()).isEqualTo(new TimeRange(NOW.minus(Duration.ofHours(24)), NOW));
        assertThat(request.pageSize()).isEqualTo(100);
        assertThat(request.fetchSize()).isEqualTo(101);
        assertThat(request.after()).isNull();
        assertThat(request.afterId()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void fromAloneRunsToNowAndToAloneTakesTheDefaultRangeBeforeIt() {
        assertThat(EVENTS.request(params(Map.of("from", "2026-11-20T08:00:00Z")), NOW, Long.class).range())
                .isEqualTo(new TimeRange(Instant.parse("2026-11-20T08:00:00Z"), NOW));
        assertThat(EVENTS.request(params(Map.of("to", "2026-11-20T08:00:00+08:00")), NOW, Long.class).range())
                .isEqualTo(new TimeRange(Instant.parse("2026-11-19T00:00:00Z"), Instant.parse("2026-11-20T00:00:00Z")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "from=2026-01-01T00:00:00Z&to=2026-02-15T00:00:00Z | range of 45 days exceeds the maximum of 31 days for events (parameters 'from' and 'to')",
            "from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00.001Z | range of 31 days 1 millisecond exceeds the maximum of 31 days for events",
            "from=2025-01-01T00:00:00Z | range of 697 days 8 hours exceeds the maximum of 31 days for events",
            "limit=1001 | page size 1001 exceeds the maximum of 1000 for events (parameter 'limit')",
            "limit=99999999999 | page size 99999999999 exceeds the maximum of 1000 for events",
            "limit=0 | parameter 'limit' must be a whole number from 1 to 1000",
            "limit=ten | parameter 'limit' must be a whole number from 1 to 1000",
            "from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z | parameter 'from' must be before 'to'",
            "from=yesterday | parameter 'from' must be an ISO-8601 date-time",
            "cursor=bm90LWEtY3Vyc29y | parameter 'cursor' is not a cursor returned by this list",
    })
    void aValueOverALimitIsA400NamingTheLimitAndTheValue(String query, String message) {
        assertThatThrownBy(() -> EVENTS.request(params(query), NOW, Long.class, Long.class))
                .isInstanceOfSatisfying(ClientError.class, e -> assertThat(e.code()).isEqualTo(400))
                .hasMessageStartingWith(message);
    }

    @Test
    void exactlyTheMaximaAreAllowed() {
        ListRequest request = EVENTS.request(params("from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&limit=1000"), NOW,
                Long.class);

        assertThat(request.range().span()).isEqualTo(Duration.ofDays(31));
        assertThat(request.pageSize()).isEqualTo(1000);
    }

    @Test
    void aCursorContinuesTheRangeOfTheFirstPageAndRefusesAnother() {
        ListRequest first = EVENTS.request(params(Map.of("limit", "2")), NOW, Long.class, Long.class);
        Page<long[]> page = first.page(List.of(new long[] {9, 90}, new long[] {8, 80}, new long[] {7, 70}),
                row -> new Object[] {row[0], row[1]});
        String cursor = page.nextCursor();

        // an hour later, without a range: the default range would have moved on; the cursor's has not
        ListRequest next = EVENTS.request(params(Map.of("limit", "2", "cursor", cursor)), NOW.plusSeconds(3600),
                Long.class, Long.class);

        assertThat(page.items()).hasSize(2);
        assertThat(next.range()).isEqualTo(first.range());
        assertThat(next.after().number(0)).isEqualTo(8);
        assertThat(next.after().number(1)).isEqualTo(80);
        assertThat(EVENTS.request(params(Map.of("cursor", cursor, "to", NOW.toString())), NOW, Long.class, Long.class)
                .range()).isEqualTo(first.range());
        assertThatThrownBy(() -> EVENTS.request(params(Map.of("cursor", cursor, "from", "2026-11-29T00:00:00Z")), NOW,
                Long.class, Long.class)).hasMessageStartingWith("parameter 'from' differs from the range of the cursor");
        assertThatThrownBy(() -> EVENTS.request(params(Map.of("cursor", cursor)), NOW, String.class, Long.class))
                .hasMessage("parameter 'cursor' is not a cursor returned by this list");
    }

    @Test
    void aForgedCursorWithALongerRangeIsRefusedLikeTheRange() {
        String forged = PageCursor.after(new TimeRange(Instant.parse("2020-01-01T00:00:00Z"), NOW), 5L).encode();

        assertThatThrownBy(() -> EVENTS.request(params(Map.of("cursor", forged)), NOW, Long.class))
                .hasMessageContaining("exceeds the maximum of 31 days for events");
    }

    @Test
    void aListWithoutTimeRangeHasPagesOnlyAndItsOwnCursors() {
        ListLimits devices = ListLimits.paged("devices", 500, 2000);
        ListRequest first = devices.request(params(Map.of("limit", "1")), NOW, String.class, String.class);
        String cursor = first.page(List.of("a", "b"), s -> new Object[] {s, "id-" + s}).nextCursor();

        ListRequest next = devices.request(params(Map.of("cursor", cursor)), NOW, String.class, String.class);

        assertThat(first.range()).isNull();
        assertThat(next.after().text(0)).isEqualTo("a");
        assertThat(next.after().text(1)).isEqualTo("id-a");
        assertThat(next.pageSize()).isEqualTo(500);
        String timed = EVENTS.request(params(Map.of("limit", "1")), NOW, String.class, String.class)
                .page(List.of("a", "b"), s -> new Object[] {s, s}).nextCursor();
        assertThatThrownBy(() -> devices.request(params(Map.of("cursor", timed)), NOW, String.class, String.class))
                .hasMessage("parameter 'cursor' is not a cursor returned by this list");
    }

    @Test
    void limitsAreChecked() {
        assertThatThrownBy(() -> new ListLimits("x", Duration.ofDays(2), Duration.ofDays(1), 10, 100))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ListLimits("x", Duration.ofDays(1), Duration.ofDays(1), 101, 100))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(EVENTS.named("fire cases").family()).isEqualTo("fire cases");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "P45D | 45 days", "P1D | 1 day", "PT36H | 1 day 12 hours", "PT2H30M | 2 hours 30 minutes",
            "PT0.5S | 500 milliseconds", "PT0S | 0 seconds", "PT744H1S | 31 days 1 second",
    })
    void durationsAreDescribedExactlyForPeople(String iso, String text) {
        assertThat(QueryParams.describe(Duration.parse(iso))).isEqualTo(text);
    }

    private static Function<String, String> params(Map<String, String> values) {
        return values::get;
    }

    private static Function<String, String> params(String query) {
        Map<String, String> values = new java.util.HashMap<>();
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            values.put(kv[0], kv[1]);
        }
        return values::get;
    }
}
