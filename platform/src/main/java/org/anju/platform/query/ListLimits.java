package org.anju.platform.query;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;

import org.anju.error.ClientError;

/**
 * The limits of one family of list endpoints, and the one reading of their paging parameters:
 * <ul>
 * <li>{@code from} (inclusive) and {@code to} (exclusive), ISO-8601 date-times with an offset, for
 *     lists of time-stamped rows: {@code to} defaults to now and {@code from} to
 *     {@link #defaultRange} before {@code to}; the range spans at most {@link #maxRange};</li>
 * <li>{@code limit}, the page size: {@link #defaultPageSize} when absent, at most {@link #maxPageSize};</li>
 * <li>{@code cursor}, the {@code nextCursor} of the page before; it carries the range of the first
 *     page, so a listing keeps its range while it pages.</li>
 * </ul>
 * A value over a limit is a 400 whose message names the value, the limit and the family, e.g.
 * "range of 45 days exceeds the maximum of 31 days for events (parameters 'from' and 'to')".
 * The limits are configuration ({@code limits.*}, see {@code anju-defaults.yaml}).
 *
 * @param family       what is listed, as messages name it (e.g. {@code events}, {@code fire cases})
 * @param defaultRange the range when {@code from} is absent; null for lists without a time range
 * @param maxRange     the longest range; null for lists without a time range
 */
public record ListLimits(String family, Duration defaultRange, Duration maxRange, int defaultPageSize,
        int maxPageSize) {

    public ListLimits {
        Objects.requireNonNull(family, "family");
        if ((defaultRange == null) != (maxRange == null)) {
            throw new IllegalArgumentException("a default range goes with a maximum range: " + family);
        }
        if (defaultRange != null && (defaultRange.isNegative() || defaultRange.isZero()
                || defaultRange.compareTo(maxRange) > 0)) {
            throw new IllegalArgumentException("default range must be positive and at most the maximum: " + family);
        }
        if (defaultPageSize < 1 || defaultPageSize > maxPageSize) {
            throw new IllegalArgumentException("default page size must be from 1 to the maximum: " + family);
        }
    }

    /** Returns the limits of a list without a time range (pages only). */
    public static ListLimits paged(String family, int defaultPageSize, int maxPageSize) {
        return new ListLimits(family, null, null, defaultPageSize, maxPageSize);
    }

    /** Returns the same limits for another family of lists (so that messages name it). */
    public ListLimits named(String otherFamily) {
        return new ListLimits(otherFamily, defaultRange, maxRange, defaultPageSize, maxPageSize);
    }

    /** Returns whether the listed rows are time-stamped, so that requests have a range. */
    public boolean timed() {
        return maxRange != null;
    }

    /**
     * Reads and checks {@code from}, {@code to}, {@code limit} and {@code cursor}.
     *
     * @param params    the query parameter of a name, or null when absent
     * @param now       the end of the default range
     * @param cursorKey the kinds of the parts of this list's sort key ({@code Long.class},
     *                  {@code String.class}), in order
     * @throws ClientError 400 naming the parameter that is wrong, and the limit it exceeds
     */
    public ListRequest request(Function<String, String> params, Instant now, Class<?>... cursorKey) {
        int pageSize = QueryParams.pageSize(params, defaultPageSize, maxPageSize, family);
        String rawCursor = params.apply("cursor");
        PageCursor after = rawCursor == null || rawCursor.isEmpty() ? null : PageCursor.parse(rawCursor, cursorKey);
        if (after != null && (after.range() == null) == timed()) {
            throw ClientError.badRequest("parameter 'cursor' is not a cursor returned by this list");
        }
        if (!timed()) {
            return new ListRequest(null, pageSize, after);
        }
        TimeRange range;
        if (after != null) {
            range = after.range();
            sameAsCursor(params, "from", range.from());
            sameAsCursor(params, "to", range.to());
        } else {
            range = QueryParams.range(params, now, defaultRange);
        }
        QueryParams.requireSpan(range, maxRange, family);
        return new ListRequest(range, pageSize, after);
    }

    private static void sameAsCursor(Function<String, String> params, String name, Instant cursors) {
        Instant given = QueryParams.instant(params, name);
        if (given != null && !given.equals(cursors)) {
            throw ClientError.badRequest("parameter '" + name + "' differs from the range of the cursor: a cursor"
                    + " continues the range of the first page (" + name + " " + cursors + ")");
        }
    }
}
