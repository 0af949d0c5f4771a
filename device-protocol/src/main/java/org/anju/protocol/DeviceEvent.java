package org.anju.protocol;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened at a device (an alarm, a state change), kept whole.
 *
 * @param kind        what happened, e.g. {@code alarm}, {@code fault}, {@code heartbeat}
 * @param payloadJson the whole event as the device sent it, as JSON text
 */
public record DeviceEvent(Instant ts, String deviceId, String kind, String payloadJson) {

    public DeviceEvent {
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(payloadJson, "payloadJson");
    }
}
