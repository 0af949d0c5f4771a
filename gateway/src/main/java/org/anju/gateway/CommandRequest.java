package org.anju.gateway;

import java.time.Duration;
import java.util.Objects;

/**
 * A command for a device, sent by the platform through the gateway.
 *
 * @param name    the command, e.g. {@code open-compartment}; becomes the last topic segment
 * @param payload the command's body (JSON by convention), may be empty
 * @param oneWay  true when no response is expected
 * @param timeout how long to wait for the device's response (request/response commands)
 */
public record CommandRequest(String tenantId, String deviceId, String name, byte[] payload, boolean oneWay,
        Duration timeout) {

    public CommandRequest {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(timeout, "timeout");
    }
}
