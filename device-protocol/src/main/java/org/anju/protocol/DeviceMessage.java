package org.anju.protocol;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One message a device published, as the gateway hands it downstream.
 *
 * @param tenantId    the tenant of the device the message is about
 * @param deviceId    the device the message is about (for a gateway publishing on behalf of
 *                    another device, that other device)
 * @param endpoint    telemetry or event
 * @param qos         the MQTT QoS it was published with (0 or 1)
 * @param payload     the raw payload bytes, not yet decoded
 * @param receivedAt  when the gateway received it
 * @param contentType the payload's type: {@link #JSON} for what devices publish unless they name
 *                    another (MQTT 5 {@code content-type} property or a Hono property bag),
 *                    {@link #CONNECTION_NOTIFICATION} for
 *                    the connected/disconnected events the gateway itself emits (as Hono does)
 * @param ttd         Hono's "time till disconnect" the device announced with its message (the
 *                    property bag's {@code hono-ttd}): how many seconds it stays ready for a
 *                    command, {@code -1} until further notice; empty when it announced none
 */
public record DeviceMessage(String tenantId, String deviceId, Endpoint endpoint, int qos, byte[] payload,
        Instant receivedAt, String contentType, OptionalInt ttd) {

    /** What devices publish. */
    public static final String JSON = "application/json";
    /** Eclipse Hono's content type of a payload whose device named none. */
    public static final String OCTET_STREAM = "application/octet-stream";
    /** Eclipse Hono's content type of the gateway's device connection notifications. */
    public static final String CONNECTION_NOTIFICATION = "application/vnd.eclipse-hono-dc-notification+json";

    public DeviceMessage {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(ttd, "ttd");
    }

    /** Creates a message without a time till disconnect. */
    public DeviceMessage(String tenantId, String deviceId, Endpoint endpoint, int qos, byte[] payload,
            Instant receivedAt, String contentType) {
        this(tenantId, deviceId, endpoint, qos, payload, receivedAt, contentType, OptionalInt.empty());
    }

    /** Creates a message a device published (JSON). */
    public DeviceMessage(String tenantId, String deviceId, Endpoint endpoint, int qos, byte[] payload,
            Instant receivedAt) {
        this(tenantId, deviceId, endpoint, qos, payload, receivedAt, JSON);
    }

    /**
     * Returns whether the payload is for the device type's JSON schema: JSON, or bytes labelled
     * {@link #OCTET_STREAM} (what Eclipse Hono's adapters label a payload whose device named no type).
     * Anything else (text, CBOR, images) only passes through the Kafka path, for other applications.
     */
    public boolean hasDevicePayload() {
        String type = contentType.toLowerCase(Locale.ROOT);
        int parameters = type.indexOf(';');
        String mediaType = (parameters < 0 ? type : type.substring(0, parameters)).trim();
        return mediaType.equals(JSON) || mediaType.equals(OCTET_STREAM);
    }

    /** Returns whether this is a gateway notification that the device connected or disconnected. */
    public boolean isConnectionNotification() {
        return CONNECTION_NOTIFICATION.equals(contentType);
    }
}
