package org.anju.protocol;

import java.util.Objects;
import java.util.Optional;

import org.anju.error.ClientError;

/**
 * A parsed publish topic of the Eclipse Hono MQTT adapter API.
 * <p>
 * Accepted forms: {@code telemetry}, {@code t}, {@code event}, {@code e} (the device publishes for
 * itself) and {@code telemetry/{tenant}/{device}} with its short and event variants, where the
 * tenant may be empty ({@code t//{device}}: the authenticated device's tenant). A trailing Hono
 * property bag ({@code /?content-type=...}) is tolerated and ignored.
 *
 * @param endpoint the endpoint, never {@link Endpoint#COMMAND} (see {@link #parsePublish(String)})
 * @param tenantId the tenant named in the topic, empty when the topic leaves it out
 * @param deviceId the device named in the topic, empty when the publisher publishes for itself
 */
public record HonoTopic(Endpoint endpoint, Optional<String> tenantId, Optional<String> deviceId) {

    /** The longest topic accepted by default, in characters. */
    public static final int DEFAULT_MAX_LENGTH = 256;

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
