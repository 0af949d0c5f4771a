package org.anju.platform.storage.rollup;

/**
 * Where readers find the rollups. Both tables have the columns {@code bucket, device_id, metric,
 * count, min, max, sum, last_value, last_ts}; the daily one also {@code hours}, the number of hourly
 * buckets it was made of.
 *
 * @param hourly the hourly table
 * @param daily  the daily table
 */
public record RollupTables(String hourly, String daily) {

    /** The tables the platform maintains. */
    public static final RollupTables PLATFORM = new RollupTables("telemetry_hourly", "telemetry_daily");
}
