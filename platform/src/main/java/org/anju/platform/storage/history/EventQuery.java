package org.anju.platform.storage.history;

import java.time.Instant;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.anju.error.ClientError;
import org.anju.protocol.DeviceType;

/**
 * A request for one page of events, of one device or of every device of a community, newest first.
 *
 * @param kind       only events of this kind, or null for all
 * @param deviceType only events of devices of this type, or null for all
 * @param from       only events at or after this instant, or null
 * @param to         only events before this instant, or null
 * @param after      where the page starts, or null for the newest events
 */
public record EventQuery(Scope scope, String scopeId, String kind, String deviceType, Instant from, Instant to,
        int limit, EventCursor after) {

    /** Whose events. */
    public enum Scope { DEVICE, COMMUNITY }

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    // the grammar ingest accepts for event kinds (TelemetryDecoder)
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    /**
     * Reads and checks the query parameters {@code kind}, {@code deviceType}, {@code from},
     * {@code to}, {@code limit} (1 to 1000, default 100) and {@code cursor}, all optional.
     *
     * @throws ClientError 400 naming the parameter that is wrong
     */
    public static EventQuery parse(Scope scope, String scopeId, Function<String, String> params) {
        String kind = emptyToNull(params.apply("kind"));
        if (kind != null && !KIND.matcher(kind).matches()) {
            throw ClientError.badRequest("parameter 'kind' must be lower-case letters, digits and '_' (at most 64),"
                    + " starting with a letter");
        }
        String deviceType = emptyToNull(params.apply("deviceType"));
        if (deviceType != null && DeviceType.fromWireName(deviceType).isEmpty()) {
            throw ClientError.badRequest("parameter 'deviceType' must be one of camera, elevator, parcel_locker,"
                    + " ev_charger, smoke_detector, fire_panel");
        }
        Instant from = QueryParams.instant(params, "from");
        Instant to = QueryParams.instant(params, "to");
        if (from != null && to != null) {
            QueryParams.checkOrder(from, to);
        }
        int limit = QueryParams.intIn(params, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        String cursor = params.apply("cursor");
        EventCursor after = cursor == null || cursor.isEmpty() ? null : EventCursor.parse(cursor);
        return new EventQuery(scope, scopeId, kind, deviceType, from, to, limit, after);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
