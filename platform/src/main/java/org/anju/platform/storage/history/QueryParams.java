package org.anju.platform.storage.history;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

import org.anju.error.ClientError;

/**
 * Reading of the query parameters history and event requests share; every failure is a 400 that
 * names the parameter.
 */
public final class QueryParams {

    private QueryParams() {
    }

    /** Returns the instant in the parameter, or null when it is absent. */
    public static Instant instant(Function<String, String> params, String name) {
        String raw = params.apply(name);
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw).toInstant();
        } catch (DateTimeParseException e) {
            throw ClientError.badRequest("parameter '" + name + "' must be an ISO-8601 date-time with an offset,"
                    + " such as 2026-11-29T08:00:00Z or 2026-11-29T16:00:00+08:00");
        }
    }

    /** Requires {@code from} before {@code to}. */
    public static void checkOrder(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw ClientError.badRequest("parameter 'from' must be before 'to'");
        }
    }

    /** Requires {@code from} before {@code to} and at most {@code max} between them. */
    static void checkRange(Instant from, Instant to, Duration max) {
        checkOrder(from, to);
        if (Duration.between(from, to).compareTo(max) > 0) {
            throw ClientError.badRequest("the range from 'from' to 'to' may span at most " + max.toDays() + " days");
        }
    }

    /** Returns the whole number in the parameter, {@code otherwise} when absent; it must lie in [min, max]. */
    public static int intIn(Function<String, String> params, String name, int otherwise, int min, int max) {
        String raw = params.apply(name);
        if (raw == null || raw.isEmpty()) {
            return otherwise;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below, like an out-of-range number
        }
        throw ClientError.badRequest("parameter '" + name + "' must be a whole number from " + min + " to " + max);
    }
}
