package org.anju.platform.fund;

import io.vertx.core.json.JsonObject;

import org.anju.error.ClientError;
import org.anju.platform.ledger.Fen;

/**
 * An expense of the fund as the API receives it: an amount shared by area, what it is for, the
 * caller's reference (recording it again is harmless), and what justifies it: an approved owners'
 * resolution ({@code motionId}) or an emergency with the alert behind it ({@code emergency},
 * {@code alertId}).
 */
record ExpenseRequest(long amountFen, String description, String reference, Long motionId, Emergency emergency,
        Long alertId) {

    static ExpenseRequest parse(JsonObject body) {
        long amount = Fen.parse("field 'amountFen'", body.getValue("amountFen"));
        if (amount == 0) {
            throw ClientError.badRequest("field 'amountFen' must be positive");
        }
        String description = FundRequests.text(body, "description", 500);
        String reference = FundRequests.text(body, "reference", 100);
        Long motionId = FundRequests.optionalId(body, "motionId");
        Object emergencyName = body.getValue("emergency");
        Emergency emergency = null;
        if (emergencyName != null) {
            emergency = emergencyName instanceof String s ? Emergency.fromWireName(s).orElse(null) : null;
            if (emergency == null) {
                throw ClientError.badRequest("field 'emergency' must be elevator_overtravel or fire_facility_failed");
            }
        }
        Long alertId = FundRequests.optionalId(body, "alertId");
        if ((motionId == null) == (emergency == null)) {
            throw ClientError.badRequest("an expense needs either 'motionId' (an approved owners' resolution) or"
                    + " 'emergency' with 'alertId', not both");
        }
        if ((emergency == null) != (alertId == null)) {
            throw ClientError.badRequest("field 'alertId' goes with 'emergency': the alert that justifies it");
        }
        return new ExpenseRequest(amount, description, reference, motionId, emergency, alertId);
    }

    /** Returns whether a recorded expense is this one (a replay) rather than another under the same reference. */
    boolean sameAs(FundViews.Expense e) {
        return e.amountFen() == amountFen && java.util.Objects.equals(e.motionId(), motionId)
                && java.util.Objects.equals(e.alertId(), alertId);
    }
}
