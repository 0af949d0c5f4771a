package org.anju.platform.query;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;

import org.anju.error.ClientError;

/**
 * Reading of the query parameters that list, history and report requests share; every failure is
 * a 400 that names the parameter, and a value over a limit also names the limit.
 */
public final class QueryParams {

    private QueryParams() {
    }

    /**
     * Returns the instant in the parameter (to the microsecond, the database's precision), or null
     * when it is absent.
     */
    public static Instant instant(Function<String, String> params, String name) {
        String raw = params.apply(name);
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw).toInstant().truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            throw ClientError.badRequest("parameter '" + name + "' must be an ISO-8601 date-time with an offset,"
                    + " such as 2026-11-29T08:00:00Z or 2026-11-29T16:00:00+08:00");
        }
    }

    /**
     * Reads {@code from} and {@code to}: {@code to} defaults to {@code now}, {@code from} to
     * {@code defaultRange} before {@code to}.
     *
     * @throws ClientError 400 when either is malformed or {@code from} is not before {@code to}
     */
    public static TimeRange range(Function<String, String> params, Instant now, Duration defaultRange) {
        Instant given = instant(params, "to");
        Instant to = given == null ? now.truncatedTo(ChronoUnit.MICROS) : given;
        Instant from = instant(params, "from");
        TimeRange range = new TimeRange(from == null ? to.minus(defaultRange) : from, to);
        checkOrder(range.from(), range.to());
        return range;
    }

    /** Requires {@code from} before {@code to}. */
    public static void checkOrder(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw ClientError.badRequest("parameter 'from' must be before 'to'");
        }
    }

    /**
     * Requires the range to span at most {@code max}.
     *
     * @param what what is asked for, as the message names it (e.g. {@code events}, {@code raw history})
     * @throws ClientError 400 naming the span, the maximum and what it is the maximum for
     */
    public static void requireSpan(TimeRange range, Duration max, String what) {
        if (range.span().compareTo(max) > 0) {
            throw ClientError.badRequest("range of " + describe(range.span()) + " exceeds the maximum of "
                    + describe(max) + " for " + what + " (parameters 'from' and 'to')");
        }
    }

    /**
     * Reads the page size in {@code limit}: {@code otherwise} when absent.
     *
     * @param what what is listed, as the message names it
     * @throws ClientError 400 when it is not a whole number from 1, or names the maximum it exceeds
     */
    public static int pageSize(Function<String, String> params, int otherwise, int max, String what) {
        String raw = params.apply("limit");
        if (raw == null || raw.isEmpty()) {
            return otherwise;
        }
        long value;
        try {
            value = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            value = 0;
        }
        if (value < 1) {
            throw ClientError.badRequest("parameter 'limit' must be a whole number from 1 to " + max);
        }
        if (value > max) {
            throw ClientError.badRequest("page size " + value + " exceeds the maximum of " + max + " for " + what
                    + " (parameter 'limit')");
        }
        return (int) value;
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

    /**
     * Describes a duration for people, exactly, naming each unit it has: {@code 45 days},
     * {@code 31 days 1 second}, {@code 36 hours}, {@code 2 hours 30 minutes}, {@code 500 milliseconds}.
     */
    public static String describe(Duration d) {
        long[] amounts = {d.toDays(), d.toHoursPart(), d.toMinutesPart(), d.toSecondsPart(), d.toMillisPart()};
        String[] units = {"day", "hour", "minute", "second", "millisecond"};
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < amounts.length; i++) {
            if (amounts[i] != 0) {
                text.append(text.isEmpty() ? "" : " ").append(amounts[i]).append(' ').append(units[i])
                        .append(amounts[i] == 1 ? "" : "s");
            }
        }
        return text.isEmpty() ? "0 seconds" : text.toString();
    }
}
