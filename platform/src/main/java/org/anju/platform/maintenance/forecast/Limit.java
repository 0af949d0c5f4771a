package org.anju.platform.maintenance.forecast;

/**
 * The value a series must not reach: a ceiling it rises to (disk use, chamber drift, temperature,
 * faults per week) or a floor it falls to (battery).
 *
 * @param value  the limit, in the series' unit
 * @param rising true for a ceiling, false for a floor
 */
public record Limit(double value, boolean rising) {

    /** A ceiling. */
    public static Limit above(double value) {
        return new Limit(value, true);
    }

    /** A floor. */
    public static Limit below(double value) {
        return new Limit(value, false);
    }

    /** Returns whether {@code level} has reached the limit. */
    boolean reachedBy(double level) {
        return rising ? level >= value : level <= value;
    }
}
