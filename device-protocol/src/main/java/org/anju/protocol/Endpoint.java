package org.anju.protocol;

import java.util.Optional;

/**
 * The Eclipse Hono MQTT adapter endpoints a device publishes to, with their long and short names.
 */
public enum Endpoint {
    /** Measurements; QoS 0 (best effort) or QoS 1 (stored before acknowledged). */
    TELEMETRY("telemetry", "t"),
    /** Things that happened (alarms, state changes); QoS 1 only. */
    EVENT("event", "e"),
    /** Command requests to, and responses from, a device. */
    COMMAND("command", "c");

    private final String longName;
    private final String shortName;

    Endpoint(String longName, String shortName) {
        this.longName = longName;
        this.shortName = shortName;
    }

    /** Returns the long topic name, e.g. {@code telemetry}. */
    public String longName() {
        return longName;
    }

    /** Returns the short topic name, e.g. {@code t}. */
    public String shortName() {
        return shortName;
    }

    /** Finds the endpoint named by a topic's first segment, long or short. */
    public static Optional<Endpoint> fromSegment(String segment) {
        for (Endpoint endpoint : values()) {
            if (endpoint.longName.equals(segment) || endpoint.shortName.equals(segment)) {
                return Optional.of(endpoint);
            }
        }
        return Optional.empty();
    }
}
