package org.anju.platform.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

import org.anju.error.ClientError;
import org.anju.platform.alerts.IdCursor;
import org.anju.platform.history.QueryParams;

/**
 * A bounded read of the audit log: a time range of at most {@link #MAX_RANGE} (the last
 * {@link #DEFAULT_RANGE} when none is given), newest first, a page at a time.
 *
 * @param tenantId only this tenant's entries; null for every entry (platform administrators)
 * @param actor    only this user's actions, or null
 * @param action   only this action and the actions under it ({@code user} matches
 *                 {@code user.created}), or null
 */
public record AuditQuery(Instant from, Instant to, String tenantId, String actor, String action, int limit,
        IdCursor cursor) {

    /** The range read when the request names none. */
    public static final Duration DEFAULT_RANGE = Duration.ofDays(1);
    /** The longest range one request may read. */
    public static final Duration MAX_RANGE = Duration.ofDays(31);
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    /**
     * Reads a query from request parameters {@code from}, {@code to}, {@code actor},
     * {@code action}, {@code limit} and {@code cursor}; the tenant is the caller's to decide.
     *
     * @throws ClientError 400 naming the parameter or the limit that a value breaks
     */
    public static AuditQuery parse(Function<String, String> params, Instant now, String tenantId) {
        Instant to = QueryParams.instant(params, "to");
        Instant from = QueryParams.instant(params, "from");
        if (to == null) {
            to = from == null ? now : from.plus(DEFAULT_RANGE);
        }
        if (from == null) {
            from = to.minus(DEFAULT_RANGE);
        }
        QueryParams.checkOrder(from, to);
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw ClientError.badRequest("the range from 'from' to 'to' may span at most " + MAX_RANGE.toDays()
                    + " days");
        }
        int limit = QueryParams.intIn(params, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        return new AuditQuery(from, to, tenantId, blankToNull(params.apply("actor")),
                blankToNull(params.apply("action")), limit, IdCursor.parse(params.apply("cursor")));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
