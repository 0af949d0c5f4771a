package org.anju.platform.storage.rollup;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How the rollups are kept.
 *
 * @param interval       how often the job folds new telemetry into the rollups (and, on the TSL
 *                       edition, how often continuous aggregates refresh)
 * @param dayZone        the time zone whose midnight starts a daily bucket; its UTC offset must be
 *                       whole hours, so that a day is made of whole hourly buckets
 * @param rawKeptFor     raw telemetry retention: hours older than this are never recomputed, since
 *                       their raw rows may already be gone
 * @param hourlyKeptFor  hourly retention: days older than this are never re-derived
 */
public record RollupSettings(Duration interval, ZoneId dayZone, Duration rawKeptFor, Duration hourlyKeptFor) {

    public RollupSettings {
        Objects.requireNonNull(dayZone, "dayZone");
        if (!hasWholeHourOffsets(dayZone)) {
            throw new IllegalArgumentException("day zone " + dayZone + " has an offset that is not whole hours");
        }
        if (interval.isNegative() || interval.isZero() || rawKeptFor.isNegative() || hourlyKeptFor.isNegative()) {
            throw new IllegalArgumentException("rollup durations must be positive");
        }
    }

    /** Returns whether the zone's offset from UTC is a whole number of hours now and at its next transitions. */
    public static boolean hasWholeHourOffsets(ZoneId zone) {
        var rules = zone.getRules();
        Instant now = Instant.now();
        if (rules.getOffset(now).getTotalSeconds() % 3600 != 0) {
            return false;
        }
        var next = rules.nextTransition(now);
        return next == null || next.getOffsetAfter().getTotalSeconds() % 3600 == 0;
    }
}
