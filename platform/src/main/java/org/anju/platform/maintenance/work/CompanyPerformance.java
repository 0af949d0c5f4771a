package org.anju.platform.maintenance.work;

/**
 * How a maintainer company did in a community over a window (docs/maintenance.md "Performance").
 *
 * @param companyId          the company, null for the orders assigned to no company
 * @param orders             orders opened in the window, cancelled ones left out
 * @param completed          of them, done (or verified)
 * @param onTime             completed on or before their due day (in the community's day zone)
 * @param late               completed after their due day, or still pending past it
 * @param onTimeRate         onTime / (onTime + late), null when there is neither
 * @param meanHoursToRespond mean of opened → in progress over the orders started, null when none
 * @param meanHoursToRepair  mean of opened → done over the orders completed, null when none
 * @param repeatFaults       fault orders of this company's devices followed by another fault order
 *                           on the same device within {@link PerformanceMath#REPEAT_DAYS} days
 */
public record CompanyPerformance(Long companyId, int orders, int completed, int onTime, int late, Double onTimeRate,
        Double meanHoursToRespond, Double meanHoursToRepair, int repeatFaults) {
}
