package org.anju.platform.maintenance;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Maintenance work that has become due on one device, handed from the side that knows it is due
 * (plans, counters, forecasts, fault alerts) to the side that tracks the work ({@link WorkOrderSink}).
 *
 * @param communityId the device's community
 * @param deviceId    the asset the work is on
 * @param source      why it is due
 * @param sourceRef   what made it due, unique per occurrence and the idempotency key of opening it:
 *                    {@code plan:<planId>:<dueOn>}, {@code counter:<counter>:<deviceId>:<since>},
 *                    {@code forecast:<forecastId>}, {@code alert:<alertId>}
 * @param dueOn       the day it must be done by (Asia/Shanghai or the community's zone)
 * @param title       a short human description (the plan's name, the forecast's "due in N days")
 * @param checklist   the checklist item codes the work must report on before it is done (empty:
 *                    the work-order side uses its corrective checklist for the asset kind)
 * @param minCrew     people required on site (2 for elevator maintenance)
 * @param emergency   an emergency (elevator fault 09/10, failed fire facility) that may draw on the
 *                    maintenance fund
 * @param evidence    the evidence as JSON text (a forecast's points, slope, expected date,
 *                    confidence; a counter's value and threshold), null when there is none
 */
public record DueWork(String communityId, String deviceId, WorkSource source, String sourceRef, LocalDate dueOn,
        String title, List<String> checklist, int minCrew, boolean emergency, String evidence) {

    public DueWork {
        Objects.requireNonNull(communityId, "communityId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sourceRef, "sourceRef");
        Objects.requireNonNull(dueOn, "dueOn");
        Objects.requireNonNull(title, "title");
        checklist = List.copyOf(checklist);
        if (minCrew < 1) {
            throw new IllegalArgumentException("minCrew must be at least 1: " + minCrew);
        }
    }
}
