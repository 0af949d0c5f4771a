package org.anju.platform.history;

import java.time.Instant;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.anju.error.ClientError;
import org.anju.platform.query.ListLimits;
import org.anju.platform.query.ListRequest;
import org.anju.protocol.DeviceType;

/**
 * A request for one page of events, of one device or of every device of a community, newest first.
 *
 * @param kind       only events of this kind, or null for all
 * @param deviceType only events of devices of this type, or null for all
 * @param page       the range, page size and cursor (whose key is the last event's timestamp and id)
 */
public record EventQuery(Scope scope, String scopeId, String kind, String deviceType, ListRequest page) {

    /** Whose events. */
    public enum Scope { DEVICE, COMMUNITY }

    // the grammar ingest accepts for event kinds (TelemetryDecoder)
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    /**
     * Reads and checks the query parameters {@code kind}, {@code deviceType}, and the list
     * parameters {@code from}, {@code to}, {@code limit} and {@code cursor} under the events' limits.
     *
     * @throws ClientError 400 naming the parameter that is wrong, and the limit it exceeds
     */
    public static EventQuery parse(Scope scope, String scopeId, Function<String, String> params, ListLimits limits,
            Instant now) {
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
        return new EventQuery(scope, scopeId, kind, deviceType, limits.request(params, now, Long.class, Long.class));
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
