package org.anju.platform.alerts.fire;

import java.time.Instant;
import java.util.List;

/**
 * A fire alarm's verification case as the API and notifications show it, with where it is.
 *
 * @param escalationLevel 0 none; 1 not acknowledged in time; 2 also not confirmed in time
 * @param transitions     the audit trail, oldest first; null in lists
 */
public record FireCaseView(long id, long alertId, String tenantId, String communityId, String deviceId, String address,
        String buildingId, Integer floor, String state, String verdict, String falseAlarmCause, int escalationLevel,
        Instant receivedAt, Instant updatedAt, Instant forwardedAt, Instant closedAt, List<Transition> transitions) {

    /** One step of the audit trail; {@code from == to} for an escalation. */
    public record Transition(String from, String to, String actor, Instant at, String note) {
    }

    FireCaseView withTransitions(List<Transition> all) {
        return new FireCaseView(id, alertId, tenantId, communityId, deviceId, address, buildingId, floor, state, verdict,
                falseAlarmCause, escalationLevel, receivedAt, updatedAt, forwardedAt, closedAt, all);
    }
}
