package org.anju.platform.alerts;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An alert record as the API and notifications show it.
 *
 * @param openedAt    when the platform opened the record
 * @param firstSeen   the device's time of the first occurrence
 * @param lastSeen    the device's time of the latest occurrence
 * @param clearedAt   when the device said the condition ended, if it did
 * @param resolution  {@code cleared} (by the device), {@code manual} or {@code workflow} (fire workflow closed)
 * @param fireCaseId  the fire workflow of a fire alarm
 * @param rescueId    the rescue record of an entrapment
 * @param workOrderId the maintenance work order a fault opened ({@code maintenance.work})
 */
public record AlertView(long id, String tenantId, String communityId, String buildingId, Integer floor, String address,
        String deviceId, String deviceType, String type, String severity, boolean fire, String status, Instant openedAt,
        Instant firstSeen, Instant lastSeen, int occurrences, JsonNode detail, Long incidentId, Instant clearedAt,
        Instant acknowledgedAt, String acknowledgedBy, Instant resolvedAt, String resolvedBy, String resolution,
        String note, Long fireCaseId, Long rescueId, Long workOrderId) {
}
