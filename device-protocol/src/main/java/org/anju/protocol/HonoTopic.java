package org.anju.protocol;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

import org.anju.error.ClientError;

/**
 * A parsed publish topic of the Eclipse Hono MQTT adapter API.
 * <p>
 * Accepted forms: {@code telemetry}, {@code t}, {@code event}, {@code e} (the device publishes for
 * itself) and {@code telemetry/{tenant}/{device}} with its short and event variants, where the
 * tenant may be empty ({@code t//{device}}: the authenticated device's tenant). A trailing Hono
 * property bag ({@code /?content-type=...&hono-ttd=60}) is not part of the topic; its
 * {@code content-type} and {@code hono-ttd} are read by {@link #propertyBagContentType(String)} and
 * {@link #propertyBagTtd(String)}.
 *
 * @param endpoint the endpoint, never {@link Endpoint#COMMAND} (see {@link #parsePublish(String)})
 * @param tenantId the tenant named in the topic, empty when the topic leaves it out
 * @param deviceId the device named in the topic, empty when the publisher publishes for itself
 */
public record HonoTopic(Endpoint endpoint, Optional<String> tenantId, Optional<String> deviceId) {

    /** The longest topic accepted by default, in characters. */
    public static final int DEFAULT_MAX_LENGTH = 256;
    /** The property bag's "time till disconnect", Hono's {@code hono-ttd}. */
    public static final String TTD_PROPERTY = "hono-ttd";

    private static final HonoTopic OWN_TELEMETRY = new HonoTopic(Endpoint.TELEMETRY, Optional.empty(), Optional.empty());
    private static final HonoTopic OWN_EVENT = new HonoTopic(Endpoint.EVENT, Optional.empty(), Optional.empty());

    public HonoTopic {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(deviceId, "deviceId");
    }

    /**
     * Parses a telemetry or event topic a device published to.
     *
     * @throws ClientError 400 naming what is wrong when the topic is not a telemetry or event topic
     */
    public static HonoTopic parsePublish(String topic) {
        // the forms nearly every message uses, without splitting or allocating
        switch (topic == null ? "" : topic) {
            case "telemetry", "t" -> {
                return OWN_TELEMETRY;
            }
            case "event", "e" -> {
                return OWN_EVENT;
            }
            default -> {
            }
        }
        if (topic == null || topic.isEmpty()) {
            throw ClientError.badRequest("empty topic");
        }
        String withoutBag = stripPropertyBag(topic);
        String[] segments = withoutBag.split("/", -1);
        Endpoint endpoint = Endpoint.fromSegment(segments[0])
                .filter(e -> e != Endpoint.COMMAND)
                .orElseThrow(() -> ClientError.badRequest(
                        "unknown endpoint in topic '" + topic + "': use telemetry, t, event or e"));
        return switch (segments.length) {
            case 1 -> new HonoTopic(endpoint, Optional.empty(), Optional.empty());
            case 3 -> forOtherDevice(topic, endpoint, segments[1], segments[2]);
            default -> throw ClientError.badRequest(
                    "topic '" + topic + "' must be '" + segments[0] + "' or '" + segments[0] + "/{tenant}/{device}'");
        };
    }

    /** Returns whether the topic names a device, as a gateway publishing for another device does. */
    public boolean namesDevice() {
        return deviceId.isPresent();
    }

    /**
     * Returns the {@code content-type} of a topic's Hono property bag
     * ({@code telemetry/?content-type=text%2Fplain}, URL-encoded as Hono's MQTT adapter reads it),
     * empty when the topic has no bag or the bag names no content type.
     */
    public static Optional<String> propertyBagContentType(String topic) {
        return propertyBagValue(topic, "content-type");
    }

    /**
     * Returns the {@code hono-ttd} of a topic's property bag ({@code telemetry/?hono-ttd=60}): the
     * seconds the device stays ready for a command, {@code -1} for "until further notice", as in
     * Hono's {@code hono-ttd} request parameter; empty when the bag has none.
     *
     * @throws ClientError 400 when the value is not a whole number of at least -1
     */
    public static OptionalInt propertyBagTtd(String topic) {
        Optional<String> value = propertyBagValue(topic, TTD_PROPERTY);
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            int ttd = Integer.parseInt(value.get().trim());
            if (ttd >= -1) {
                return OptionalInt.of(ttd);
            }
        } catch (NumberFormatException notANumber) {
            // answered below, like a number out of range
        }
        throw ClientError.badRequest("the " + TTD_PROPERTY + " in topic '" + topic
                + "' must be a number of seconds, or -1 for until further notice");
    }

    /**
     * Returns a URL-decoded entry of a topic's Hono property bag ({@code telemetry/?name=value&…}),
     * empty when the topic has no bag or the bag has no such entry.
     *
     * @throws ClientError 400 when the value is not URL-encoded
     */
    public static Optional<String> propertyBagValue(String topic, String name) {
        int bag = topic == null ? -1 : topic.indexOf("/?");
        if (bag < 0) {
            return Optional.empty();
        }
        for (String pair : topic.substring(bag + 2).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                try {
                    String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    return value.isBlank() ? Optional.empty() : Optional.of(value);
                } catch (IllegalArgumentException badEncoding) {
                    throw ClientError.badRequest("the " + name + " in topic '" + topic + "' is not URL-encoded");
                }
            }
        }
        return Optional.empty();
    }

    private static HonoTopic forOtherDevice(String topic, Endpoint endpoint, String tenant, String device) {
        if (device.isEmpty()) {
            throw ClientError.badRequest("topic '" + topic + "' names no device");
        }
        return new HonoTopic(endpoint, tenant.isEmpty() ? Optional.empty() : Optional.of(tenant), Optional.of(device));
    }

    private static String stripPropertyBag(String topic) {
        int bag = topic.indexOf("/?");
        return bag < 0 ? topic : topic.substring(0, bag);
    }
}
