package org.anju.platform.query;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A time range {@code [from, to)} of a list or history request.
 */
public record TimeRange(Instant from, Instant to) {

    public TimeRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /** Returns how long the range is. */
    public Duration span() {
        return Duration.between(from, to);
    }
}
