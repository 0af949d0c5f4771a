package org.anju.platform.audit;

import java.time.Instant;
import java.util.function.Function;

import org.anju.error.ClientError;
import org.anju.platform.query.ListLimits;
import org.anju.platform.query.ListRequest;

/**
 * A bounded read of the audit log: a time range and a page within the list limits of the audit
 * log ({@code limits.audit}), newest first.
 *
 * @param page     the range, page size and cursor
 * @param tenantId only this tenant's entries; null for every entry (platform administrators)
 * @param actor    only this user's actions, or null
 * @param action   only this action and the actions under it ({@code user} matches
 *                 {@code user.created}), or null
 */
public record AuditQuery(ListRequest page, String tenantId, String actor, String action) {

    /**
     * Reads a query from request parameters {@code from}, {@code to}, {@code actor},
     * {@code action}, {@code limit} and {@code cursor}; the tenant is the caller's to decide.
     *
     * @throws ClientError 400 naming the parameter or the limit that a value breaks
     */
    public static AuditQuery parse(Function<String, String> params, Instant now, String tenantId, ListLimits limits) {
        return new AuditQuery(limits.request(params, now, Long.class), tenantId, blankToNull(params.apply("actor")),
                blankToNull(params.apply("action")));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
