package org.anju.platform.storage.rollup;

/**
 * Where readers find the rollups. Both relations have the columns {@code bucket, device_id, metric,
 * count, min, max, sum, last_value, last_ts}; the daily one also {@code hours}, the number of hourly
 * buckets it was made of.
 *
 * @param hourly       the hourly relation to query (a table, or a continuous aggregate's view)
 * @param daily        the daily relation to query
 * @param hourlyStored the relation whose size is the hourly data's (the table, or the aggregate's
 *                     materialization hypertable)
 * @param dailyStored  likewise for the daily data
 */
public record RollupTables(String hourly, String daily, String hourlyStored, String dailyStored) {

    /** The tables the platform maintains itself (Apache-2 edition and plain PostgreSQL). */
    public static final RollupTables PLATFORM = new RollupTables("telemetry_hourly", "telemetry_daily",
            "telemetry_hourly", "telemetry_daily");
}
