package org.anju.platform.maintenance;

import java.time.Instant;
import java.util.Objects;

/**
 * A work order that was verified as done, handed to the side that schedules (plans and counters):
 * it resets the device's usage counters and schedules the plan's next occurrence.
 *
 * @param workOrderId the order
 * @param communityId the device's community
 * @param deviceId    the asset the work was on
 * @param source      why the work was due
 * @param sourceRef   the {@link DueWork#sourceRef()} it was opened for
 * @param completedAt when the work was done on site (not when it was verified)
 */
public record CompletedWork(long workOrderId, String communityId, String deviceId, WorkSource source, String sourceRef,
        Instant completedAt) {

    public CompletedWork {
        Objects.requireNonNull(communityId, "communityId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sourceRef, "sourceRef");
        Objects.requireNonNull(completedAt, "completedAt");
    }
}
