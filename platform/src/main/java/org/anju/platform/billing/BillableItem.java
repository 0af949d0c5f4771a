package org.anju.platform.billing;

import java.time.Instant;
import java.util.Objects;

import org.anju.error.ClientError;

/**
 * A settled, priced charge another capability hands to a billing run (a visit, a charging
 * session, a parcel's overdue fee): it becomes one invoice line of the household's invoice.
 *
 * @param sourceId   the record it comes from, unique within its stream (e.g. the visit id); a
 *                   billing run bills each (stream, sourceId) once ever, so reporting an item in
 *                   two runs is harmless
 * @param amountFen  already priced and rounded by the source (per line, half up); positive
 * @param occurredAt when the charge arose (the end of a visit or session), for the line
 */
public record BillableItem(Stream stream, String sourceId, long householdId, long amountFen, String description,
        Instant occurredAt) {

    /** @throws ClientError 400 for an empty source id or description, or an amount that is not positive */
    public BillableItem {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (sourceId == null || sourceId.isBlank() || sourceId.length() > 200) {
            throw ClientError.badRequest("billable item: sourceId must be 1 to 200 characters");
        }
        if (amountFen <= 0) {
            throw ClientError.badRequest("billable item " + stream.wireName() + ":" + sourceId
                    + ": amountFen must be positive, was " + amountFen);
        }
        if (description == null || description.isBlank()) {
            throw ClientError.badRequest("billable item " + stream.wireName() + ":" + sourceId + ": description is required");
        }
    }
}
