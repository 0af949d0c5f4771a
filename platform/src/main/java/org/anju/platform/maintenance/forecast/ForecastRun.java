package org.anju.platform.maintenance.forecast;

/**
 * What one forecast pass did.
 *
 * @param series        the series it looked at (daily series and elevators with door faults)
 * @param dailyRows     the daily rollup rows it read
 * @param due           forecasts due within the horizon
 * @param beyondHorizon forecasts due later
 * @param raised        forecasts that became due in this pass (each notified once)
 * @param readMillis    time spent reading and fitting (the fits run as the rows stream in)
 * @param writeMillis   time spent replacing the forecasts and notifying
 */
public record ForecastRun(long series, long dailyRows, int due, int beyondHorizon, int raised, long readMillis,
        long writeMillis) {
}
