package org.anju.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.anju.error.ClientError;

/** Audit reads are bounded: a default range, a longest range, a page size; each refusal names its limit. */
class AuditQueryTest {

    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

    @Test
    void withoutARangeTheLastDayIsRead() {
        AuditQuery q = AuditQuery.parse(Map.<String, String>of()::get, NOW, "acme");

        assertThat(q.from()).isEqualTo(NOW.minus(Duration.ofDays(1)));
        assertThat(q.to()).isEqualTo(NOW);
        assertThat(q.limit()).isEqualTo(AuditQuery.DEFAULT_LIMIT);
        assertThat(q.tenantId()).isEqualTo("acme");
        assertThat(q.cursor().id()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aFromAloneReadsTheDayAfterIt() {
        AuditQuery q = AuditQuery.parse(Map.of("from", "2026-11-01T00:00:00Z")::get, NOW, null);

        assertThat(q.to()).isEqualTo(Instant.parse("2026-11-02T00:00:00Z"));
    }

    @Test
    void aRangeOver31DaysOrBackwardsOrAPageOver1000IsA400NamingTheLimit() {
        assertThatThrownBy(() -> AuditQuery.parse(Map.of("from", "2026-10-01T00:00:00Z", "to", "2026-11-02T00:00:00Z")::get,
                NOW, null)).isInstanceOf(ClientError.class).hasMessage("the range from 'from' to 'to' may span at most 31 days");
        assertThatThrownBy(() -> AuditQuery.parse(Map.of("from", "2026-11-02T00:00:00Z", "to", "2026-11-01T00:00:00Z")::get,
                NOW, null)).hasMessage("parameter 'from' must be before 'to'");
        assertThatThrownBy(() -> AuditQuery.parse(Map.of("limit", "1001")::get, NOW, null))
                .hasMessage("parameter 'limit' must be a whole number from 1 to 1000");
        assertThatThrownBy(() -> AuditQuery.parse(Map.of("to", "yesterday")::get, NOW, null))
                .hasMessageStartingWith("parameter 'to' must be an ISO-8601 date-time");
    }
}
