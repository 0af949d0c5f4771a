package org.anju.platform.maintenance.work;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A work order as the API and notifications show it.
 *
 * @param source           why the work was due: {@code plan}, {@code counter}, {@code forecast}, {@code alert}
 * @param sourceRef        what made it due (the idempotency key of opening it)
 * @param alertId          the fault alert it was opened for (source {@code alert}), else null
 * @param emergencyKind    the maintenance fund's emergency ({@code elevator_overtravel},
 *                         {@code fire_facility_failed}) when {@code emergency}; the fund's expense
 *                         names {@code alertId} as its justification
 * @param evidence         a forecast's or counter's evidence, null when there is none
 * @param checklistResults item code → {@code {"ok": bool, "note": text}}
 * @param notes            {@code [{"by", "at", "text"}]}; a cleared fault adds one {@code by} "device"
 * @param status           {@link WorkStatus#wireName()}
 * @param faultClearedAt   when the fault alert behind the order cleared (the device reported normal
 *                         again), null while it has not; the order stays open for its inspection
 */
public record WorkOrder(long id, String tenantId, String communityId, String deviceId, String deviceType, String source,
        String sourceRef, Long alertId, String title, LocalDate dueOn, boolean emergency, String emergencyKind,
        JsonNode evidence, List<String> checklist, int minCrew, String status, Long companyId, String assignee,
        List<String> crew, JsonNode checklistResults, List<String> photos, JsonNode notes, String cancelReason,
        Instant openedAt, Instant assignedAt, Instant startedAt, Instant doneAt, Instant verifiedAt, String verifiedBy,
        Instant cancelledAt, Instant faultClearedAt) {

    /** Returns the status as the state machine knows it. */
    public WorkStatus workStatus() {
        return WorkStatus.fromWireName(status).orElseThrow();
    }
}
