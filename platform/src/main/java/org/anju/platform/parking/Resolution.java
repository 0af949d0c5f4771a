package org.anju.platform.parking;

import java.time.Instant;
import java.util.Objects;

import org.anju.error.ClientError;

/**
 * What staff decided about a review item; every decision carries a reason and is audited.
 * <ul>
 * <li>{@code waive}: nothing is charged;</li>
 * <li>{@code charge}: a visit of {@code amountFen} (to {@code householdId} when given);</li>
 * <li>{@code assign}: a visit of {@code plate} from {@code entryTs} to {@code exitTs}, priced as a
 * derived one (free for a registered vehicle, else the visitor tariff at the exit).</li>
 * </ul>
 */
public record Resolution(String action, String reason, Long amountFen, Long householdId, String plate, Instant entryTs,
        Instant exitTs) {

    /**
     * @throws ClientError 400 naming the field that is missing or wrong
     */
    public Resolution {
        Objects.requireNonNull(action, "action");
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw ClientError.badRequest("field 'reason' is required: 1 to 500 characters saying why");
        }
        switch (action) {
            case "waive" -> { }
            case "charge" -> {
                if (amountFen == null || amountFen < 0) {
                    throw ClientError.badRequest("field 'amountFen' must be a whole number of fen ≥ 0 to charge");
                }
            }
            case "assign" -> {
                if (plate == null || plate.isBlank() || entryTs == null || exitTs == null) {
                    throw ClientError.badRequest("fields 'plate', 'entryTs' and 'exitTs' are required to assign");
                }
                if (exitTs.isBefore(entryTs)) {
                    throw ClientError.badRequest("field 'exitTs' must not be before 'entryTs'");
                }
            }
            default -> throw ClientError.badRequest("field 'action' must be one of waive, charge, assign, got \""
                    + action + "\"");
        }
    }
}
