package org.anju.platform.maintenance.work;

import java.util.List;

import org.anju.platform.maintenance.DueWork;

/**
 * A work order about to be opened: the due work and what the work-order side adds to it.
 *
 * @param checklist     the due work's checklist, or the corrective one of the asset kind
 * @param alertId       the fault alert (source alert), else null
 * @param emergencyKind the fund's emergency kind, null when the work is not an emergency
 * @param companyId     the asset's maintainer company, which the order is routed to at once; null when not known
 */
record NewOrder(DueWork due, String tenantId, String deviceType, List<String> checklist, Long alertId,
        String emergencyKind, Long companyId) {
}
