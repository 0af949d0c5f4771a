package org.anju.platform.alerts.fire;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A fire alarm's verification case as the API and notifications show it, with where it is.
 *
 * @param escalationLevel 0 none; 1 not acknowledged in time; 2 also not confirmed in time
 * @param transitions     the audit trail, oldest first; null in lists
 */
public record FireCaseView(long id, long alertId, String tenantId, String communityId, String deviceId, String address,
        String buildingId, Integer floor, String state, String verdict, String falseAlarmCause, int escalationLevel,
        Instant receivedAt, Instant updatedAt, Instant forwardedAt, Instant closedAt, List<Transition> transitions) {

    /**
     * The states a person may move the case to from its state (the API refuses every other with
     * 409), so that screens offer exactly these; empty once closed, or while 119 is being notified.
     */
    @JsonProperty("allowedNext")
    public List<String> allowedNext() {
        return FireState.fromWireName(state).map(s -> s.requestable().stream().map(FireState::wireName).toList())
                .orElse(List.of());
    }

    /** One step of the audit trail; {@code from == to} for an escalation. */
    public record Transition(String from, String to, String actor, Instant at, String note) {
    }

    FireCaseView withTransitions(List<Transition> all) {
        return new FireCaseView(id, alertId, tenantId, communityId, deviceId, address, buildingId, floor, state, verdict,
                falseAlarmCause, escalationLevel, receivedAt, updatedAt, forwardedAt, closedAt, all);
    }
}
