package org.anju.platform.storage;

import java.time.Duration;

/**
 * How long one statement of each {@link RequestClass} may run before PostgreSQL cancels it
 * ({@code statement_timeout}); a request whose statement was cancelled answers 504. Schema
 * migrations at start-up have no timeout.
 */
public record StatementTimeouts(Duration interactive, Duration report, Duration admin, Duration background) {

    /** The documented defaults: 5 s, 30 s, 2 min, 30 min. */
    public static final StatementTimeouts DEFAULTS = new StatementTimeouts(Duration.ofSeconds(5),
            Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(30));

    public StatementTimeouts {
        for (Duration d : new Duration[] {interactive, report, admin, background}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("statement timeouts must be positive: " + d);
            }
        }
    }

    /** Returns the timeout of a class. */
    public Duration of(RequestClass requestClass) {
        return switch (requestClass) {
            case INTERACTIVE -> interactive;
            case REPORT -> report;
            case ADMIN -> admin;
            case BACKGROUND -> background;
        };
    }
}
