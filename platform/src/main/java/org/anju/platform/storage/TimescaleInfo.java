package org.anju.platform.storage;

import java.util.Optional;

/**
 * What the connected database offers for time series.
 *
 * @param version the TimescaleDB extension version, empty on plain PostgreSQL
 * @param license {@code apache} (Apache-2 edition: hypertables, {@code time_bucket},
 *                {@code drop_chunks}) or {@code timescale} (TSL edition: also continuous
 *                aggregates and compression, which Anju does not use; see docs/storage.md); empty
 *                on plain PostgreSQL
 */
public record TimescaleInfo(Optional<String> version, Optional<String> license) {

    public static final TimescaleInfo ABSENT = new TimescaleInfo(Optional.empty(), Optional.empty());

    /** Returns whether the TimescaleDB extension is installed in the database. */
    public boolean present() {
        return version.isPresent();
    }

    /**
     * Returns the SQL expression that buckets a timestamp column by an interval: TimescaleDB's
     * {@code time_bucket} where present, PostgreSQL's {@code date_bin} (same buckets, aligned on
     * 2000-01-01 like time_bucket's default) elsewhere.
     *
     * @param interval an SQL interval literal, e.g. {@code 1 hour}
     */
    public String timeBucket(String interval, String column) {
        return present()
                ? "time_bucket(INTERVAL '" + interval + "', " + column + ")"
                : "date_bin(INTERVAL '" + interval + "', " + column + ", TIMESTAMPTZ '2000-01-01')";
    }

    @Override
    public String toString() {
        return present() ? "TimescaleDB " + version.get() + " (" + license.orElse("unknown") + " license)"
                : "plain PostgreSQL (no TimescaleDB)";
    }
}
