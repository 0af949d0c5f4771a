package org.anju.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.anju.error.ClientError;
import org.anju.platform.query.ListLimits;

/**
 * Audit reads are bounded like every list (the shared {@link ListLimits}, here the audit log's own
 * family), and carry the audit log's filters; each refusal names its limit.
 */
class AuditQueryTest {

    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    private static final ListLimits AUDIT = new ListLimits("audit log", Duration.ofDays(1), Duration.ofDays(31), 100,
            1000);

    @Test
    void withoutARangeTheLastDayIsReadForTheCallersTenant() {
        AuditQuery q = AuditQuery.parse(Map.<String, String>of()::get, NOW, "acme", AUDIT);

        assertThat(q.page().from()).isEqualTo(NOW.minus(Duration.ofDays(1)));
        assertThat(q.page().to()).isEqualTo(NOW);
        assertThat(q.page().pageSize()).isEqualTo(100);
        assertThat(q.page().afterId()).isEqualTo(Long.MAX_VALUE);
        assertThat(q.tenantId()).isEqualTo("acme");
        assertThat(q.actor()).isNull();
        assertThat(q.action()).isNull();
    }

    @Test
    void filtersAreTrimmedAndBlankMeansNone() {
        AuditQuery q = AuditQuery.parse(Map.of("actor", " admin ", "action", "  ")::get, NOW, null, AUDIT);

        assertThat(q.actor()).isEqualTo("admin");
        assertThat(q.action()).isNull();
        assertThat(q.tenantId()).isNull();
    }

    @Test
    void aRangeOver31DaysOrAPageOver1000IsA400NamingTheAuditLogsLimit() {
        assertThatThrownBy(() -> AuditQuery.parse(Map.of("from", "2026-10-01T00:00:00Z", "to", "2026-11-02T00:00:00Z")::get,
                NOW, null, AUDIT)).isInstanceOf(ClientError.class)
                .hasMessageContaining("exceeds the maximum of 31 days for audit log");
        assertThatThrownBy(() -> AuditQuery.parse(Map.of("limit", "1001")::get, NOW, null, AUDIT))
                .isInstanceOf(ClientError.class).hasMessageContaining("maximum of 1000 for audit log");
    }
}
