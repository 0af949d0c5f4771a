package org.anju.platform.alerts.rescue;

import java.time.Instant;

/**
 * An elevator rescue record.
 *
 * @param state       open → dispatched → arrived → released
 * @param slaDueAt    when rescuers must be there (opened + the community's SLA)
 * @param slaBreached whether they were not there by then
 */
public record RescueView(long id, long alertId, String tenantId, String communityId, String deviceId, String address,
        Integer floor, String state, Instant openedAt, Instant slaDueAt, Instant dispatchedAt, String dispatchedBy,
        Instant arrivedAt, String arrivedBy, Instant releasedAt, String releasedBy, boolean slaBreached, String note) {
}
