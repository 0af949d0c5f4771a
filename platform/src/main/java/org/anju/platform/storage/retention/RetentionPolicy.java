package org.anju.platform.storage.retention;

import java.time.Duration;
import java.util.Objects;

/**
 * How long each class of data is kept.
 *
 * @param telemetry  raw data points
 * @param hourly     hourly rollups
 * @param daily      daily rollups
 * @param events     device events other than fire records
 * @param fireEvents fire records; never less than {@link #FIRE_RECORDS_MINIMUM}
 */
public record RetentionPolicy(Duration telemetry, Duration hourly, Duration daily, Duration events,
        Duration fireEvents) {

    /**
     * Fire alarm and status records are kept at least one year (GB 25201, fire control room
     * management; GB 50440, urban fire remote monitoring).
     */
    public static final Duration FIRE_RECORDS_MINIMUM = Duration.ofDays(365);

    /** Raw 90 days, hourly 2 years, daily and events 5 years, fire records 5 years. */
    public static final RetentionPolicy DEFAULTS = new RetentionPolicy(Duration.ofDays(90), Duration.ofDays(730),
            Duration.ofDays(1826), Duration.ofDays(1826), Duration.ofDays(1826));

    public RetentionPolicy {
        for (Duration d : new Duration[] {telemetry, hourly, daily, events, fireEvents}) {
            if (Objects.requireNonNull(d, "retention").isNegative() || d.isZero()) {
                throw new IllegalArgumentException("retention must be positive: " + d);
            }
        }
        if (fireEvents.compareTo(FIRE_RECORDS_MINIMUM) < 0) {
            throw new IllegalArgumentException("fire records must be kept at least " + FIRE_RECORDS_MINIMUM.toDays()
                    + " days, not " + fireEvents.toDays());
        }
    }

    /** Returns how long the class is kept. */
    public Duration of(DataClass dataClass) {
        return switch (dataClass) {
            case TELEMETRY -> telemetry;
            case HOURLY -> hourly;
            case DAILY -> daily;
            case EVENTS -> events;
            case FIRE_EVENTS -> fireEvents;
        };
    }
}
