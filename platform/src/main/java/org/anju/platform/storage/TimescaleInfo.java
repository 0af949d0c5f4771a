package org.anju.platform.storage;

import java.util.Optional;

/**
 * What the connected database offers for time series.
 *
 * @param version the TimescaleDB extension version, empty on plain PostgreSQL
 * @param license {@code apache} (Apache-2 edition: hypertables, {@code time_bucket},
 *                {@code drop_chunks}) or {@code timescale} (TSL edition: also continuous
 *                aggregates and compression); empty on plain PostgreSQL
 */
public record TimescaleInfo(Optional<String> version, Optional<String> license) {

    public static final TimescaleInfo ABSENT = new TimescaleInfo(Optional.empty(), Optional.empty());

    /** Returns whether the TimescaleDB extension is installed in the database. */
    public boolean present() {
        return version.isPresent();
    }

    /** Returns whether the TSL edition's features (continuous aggregates, compression) are usable. */
    public boolean tslFeatures() {
        return license.filter("timescale"::equals).isPresent();
    }

    @Override
    public String toString() {
        return present() ? "TimescaleDB " + version.get() + " (" + license.orElse("unknown") + " license)"
                : "plain PostgreSQL (no TimescaleDB)";
    }
}
