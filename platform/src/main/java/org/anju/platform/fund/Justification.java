package org.anju.platform.fund;

import java.sql.SQLException;

import org.anju.error.ClientError;
import org.anju.platform.alerts.AlertStore;
import org.anju.platform.storage.UnitOfWork;
import org.anju.platform.votes.MotionKind;
import org.anju.platform.votes.Motions;

/**
 * What allows an expense of the fund: an approved, frozen owners' resolution of kind
 * {@code fund_use} of the same community (through {@code votes}), or an emergency with an alert
 * of its kind in the same community (through {@code alerts}).
 */
final class Justification {

    private Justification() {
    }

    /** @throws ClientError 409 naming what is missing */
    static void check(UnitOfWork.Tx tx, String communityId, ExpenseRequest request) throws SQLException {
        if (request.motionId() != null) {
            Motions.approved(tx, request.motionId())
                    .filter(r -> r.communityId().equals(communityId) && r.kind() == MotionKind.FUND_USE)
                    .orElseThrow(() -> new ClientError(ClientError.CONFLICT, "motion " + request.motionId()
                            + " is not an approved, closed fund_use resolution of community '" + communityId + "'"));
            return;
        }
        new AlertStore().get(tx.connection(), request.alertId())
                .filter(a -> a.communityId().equals(communityId) && request.emergency().justifiedBy(a.type()))
                .orElseThrow(() -> new ClientError(ClientError.CONFLICT, "alert " + request.alertId() + " is not a "
                        + request.emergency().wireName() + " alert of community '" + communityId + "'"));
    }
}
