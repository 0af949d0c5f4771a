package org.anju.platform.alerts;

import java.time.Instant;

/**
 * A storm incident: many alerts of one type in one building within the storm window.
 *
 * @param buildingId empty for devices without a building
 * @param alerts     its child alerts
 * @param openAlerts those not resolved yet
 */
public record IncidentView(long id, String tenantId, String communityId, String buildingId, String type,
        String severity, boolean fire, String status, Instant openedAt, Instant lastSeen, Instant resolvedAt,
        int alerts, int openAlerts) {
}
