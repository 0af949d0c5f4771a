package org.anju.platform.alerts;

import java.time.Instant;
import java.util.Arrays;
import java.util.function.Function;

import org.anju.error.ClientError;
import org.anju.platform.alerts.rules.Severity;
import org.anju.platform.query.ListLimits;
import org.anju.platform.query.ListRequest;

/**
 * A request for a page of alerts, newest first. Every filter is optional.
 *
 * @param communityId only this community
 * @param statuses    only these statuses (wire names); null for all
 * @param severity    only this severity
 * @param type        only this type and the types below it ({@code elevator_fault} matches {@code elevator_fault.04})
 * @param deviceId    only this device
 * @param fire        only fire data (true) or only other data (false); null for both
 * @param incidentId  only the children of this incident
 * @param page        the range (alerts open at some time in it), page size and cursor (after an id)
 */
public record AlertQuery(String communityId, String[] statuses, String severity, String type, String deviceId,
        Boolean fire, Long incidentId, ListRequest page) {

    /**
     * Reads the query parameters {@code community, status (comma-separated), severity, type, deviceId, fire,
     * incident} and the list parameters {@code from, to, limit, cursor} under the alerts' limits.
     *
     * @throws ClientError 400 naming the parameter, and the limit it exceeds
     */
    public static AlertQuery parse(Function<String, String> params, ListLimits limits, Instant now) {
        String status = params.apply("status");
        String[] statuses = null;
        if (status != null && !status.isEmpty()) {
            statuses = status.split(",");
            for (String s : statuses) {
                if (AlertStatus.fromWireName(s).isEmpty()) {
                    throw ClientError.badRequest("parameter 'status' must be open, acknowledged or resolved"
                            + " (comma-separated), got '" + s + "'");
                }
            }
        }
        String severity = params.apply("severity");
        if (severity != null && Severity.fromWireName(severity).isEmpty()) {
            throw ClientError.badRequest("parameter 'severity' must be one of "
                    + String.join(", ", Arrays.stream(Severity.values()).map(Severity::wireName).toList()));
        }
        String type = params.apply("type");
        if (type != null && !type.matches("[a-z0-9_]+(\\.[a-z0-9_]+)*")) {
            throw ClientError.badRequest("parameter 'type' must be an alert type such as fire_alarm or elevator_fault.04");
        }
        return new AlertQuery(params.apply("community"), statuses, severity, type, params.apply("deviceId"),
                bool(params, "fire"), longParam(params, "incident"), limits.request(params, now, Long.class));
    }

    static Boolean bool(Function<String, String> params, String name) {
        String raw = params.apply(name);
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        return switch (raw) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ClientError.badRequest("parameter '" + name + "' must be true or false");
        };
    }

    static Long longParam(Function<String, String> params, String name) {
        String raw = params.apply(name);
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw ClientError.badRequest("parameter '" + name + "' must be a record id (a whole number)");
        }
    }
}
