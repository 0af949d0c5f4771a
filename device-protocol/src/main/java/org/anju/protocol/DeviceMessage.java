package org.anju.protocol;

import java.time.Instant;
import java.util.Objects;

/**
 * One message a device published, as the gateway hands it downstream.
 *
 * @param tenantId   the tenant of the device the message is about
 * @param deviceId   the device the message is about (for a gateway publishing on behalf of
 *                   another device, that other device)
 * @param endpoint   telemetry or event
 * @param qos        the MQTT QoS it was published with (0 or 1)
 * @param payload    the raw payload bytes, not yet decoded
 * @param receivedAt when the gateway received it
 */
public record DeviceMessage(
        String tenantId, String deviceId, Endpoint endpoint, int qos, byte[] payload, Instant receivedAt) {

    public DeviceMessage {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
