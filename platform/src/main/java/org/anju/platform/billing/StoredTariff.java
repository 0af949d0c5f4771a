package org.anju.platform.billing;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A community's tariff as stored: in force from {@code effectiveFrom} (local date) until the next
 * tariff of its kind starts.
 */
public record StoredTariff(long id, String communityId, TariffKind kind, LocalDate effectiveFrom, Tariff tariff,
        String createdBy, Instant createdAt) {
}
