package org.anju.platform.billing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An issued invoice of a household for a month: never changed; corrected by a credit note.
 *
 * @param period the first day of the month billed
 */
public record Invoice(long id, String communityId, long householdId, LocalDate period, long totalFen,
        Instant issuedAt, LocalDate dueOn, List<InvoiceLine> lines) {

    public Invoice {
        lines = List.copyOf(lines);
    }
}
