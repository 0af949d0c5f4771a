package org.anju.protocol;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

import org.anju.error.ClientError;

/**
 * Eclipse Hono's {@code on-error} property of a telemetry or event topic's property bag
 * ({@code telemetry/?on-error=ignore}): what the adapter does with a message it could not take,
 * after telling the device on its error topic if it subscribed to it.
 */
public enum OnError {
    /** Not set: Hono's {@link #IGNORE} with an error subscription; without one, the gateway's default. */
    DEFAULT("default"),
    /** Close the connection (MQTT 5: DISCONNECT with the reason). */
    DISCONNECT("disconnect"),
    /** Keep the connection and acknowledge a QoS 1 message (MQTT 5: with the reason code). */
    IGNORE("ignore"),
    /** Keep the connection and send no PUBACK for the message. */
    SKIP_ACK("skip-ack");

    /** The property's name in the bag. */
    public static final String PROPERTY = "on-error";

    private final String value;

    OnError(String value) {
        this.value = value;
    }

    /** Returns the property's value as Hono spells it. */
    public String value() {
        return value;
    }

    /**
     * Returns the {@code on-error} of a topic's property bag, {@link #DEFAULT} when it has none.
     *
     * @throws ClientError 400 when the value is not one Hono defines (Hono would take it as
     *                     {@code default}; a device that misspells it is told instead)
     */
    public static OnError ofTopic(String topic) {
        Optional<String> given = HonoTopic.propertyBagValue(topic, PROPERTY);
        if (given.isEmpty()) {
            return DEFAULT;
        }
        for (OnError mode : values()) {
            if (mode.value.equals(given.get())) {
                return mode;
            }
        }
        throw ClientError.badRequest("the " + PROPERTY + " in topic '" + topic + "' must be one of "
                + Arrays.stream(values()).map(OnError::value).collect(Collectors.joining(", ")));
    }

    /** Returns the mode in effect: {@link #DEFAULT} becomes {@link #IGNORE} when the error was reported, as in Hono. */
    public OnError effective(boolean reported) {
        return this == DEFAULT && reported ? IGNORE : this;
    }
}
