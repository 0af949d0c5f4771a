package org.anju.platform.presence;

import java.time.Instant;
import java.util.Objects;

/**
 * What the newest message of one ingest batch says about a device's presence.
 *
 * @param at when the gateway received it
 */
public record PresenceSignal(String deviceId, Instant at, Kind kind) {

    /** The kind of message. */
    public enum Kind {
        /** Telemetry or an event of the device itself: it is alive. */
        MESSAGE,
        /** The gateway's notice that the device connected (or a new connection of it took over the old one). */
        CONNECTED,
        /** The gateway's notice that the device's connection ended (clean DISCONNECT or lost). */
        DISCONNECTED
    }

    public PresenceSignal {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
    }
}
