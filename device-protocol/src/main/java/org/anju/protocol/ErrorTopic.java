package org.anju.protocol;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The error topics of the Eclipse Hono MQTT adapter API: a device that subscribes
 * {@code error///#} (short {@code e///#}; a gateway {@code error//+/#} for all its devices or
 * {@code error//{device}/#} for one; each may name its tenant) is told of each message the
 * adapter could not take on
 * {@code error/[tenant]/[device]/{endpoint}/{correlation-id}/{status}}, instead of losing its
 * connection. Filters are QoS 0 only, as in Hono.
 */
public final class ErrorTopic {

    /** The endpoint segment of an error about a command response, spelled out and short. */
    public static final String COMMAND_RESPONSE = "command-response";
    private static final String COMMAND_RESPONSE_SHORT = "c-s";
    private static final String UNKNOWN = "unknown";

    private static final Pattern FILTER = Pattern.compile("(error|e)/([^/#+]*)/([^/#+]*|\\+)/#");

    private ErrorTopic() {
    }

    /**
     * An error subscription.
     *
     * @param shortForm whether the filter used {@code e} rather than {@code error}
     * @param tenant    the tenant named, empty when the filter names none
     * @param deviceId  empty: the subscriber's own errors (and, for a gateway, those of the devices
     *                  it publishes for without a subscription of their own); {@code "+"}: every
     *                  device it acts for; otherwise that one device
     */
    public record Subscription(boolean shortForm, String tenant, String deviceId) {

        public boolean forItself() {
            return deviceId.isEmpty();
        }

        public boolean forAllItsDevices() {
            return deviceId.equals("+");
        }

        /**
         * Returns the topic an error goes to on this subscription, as Hono's adapter builds it: the
         * tenant and device only where the filter named them (a gateway's errors about another
         * device always name it).
         *
         * @param tenantId       the subscriber's tenant
         * @param device         the device the failed message was about
         * @param ownDeviceId    the subscriber
         * @param messageTopic   the topic of the failed message (its first segment names the endpoint)
         * @param correlationId  the message's {@code correlation-id} (property bag), else its packet id
         *                       (QoS 1), else {@code -1}
         * @param status         the HTTP status of the error
         */
        public String publishTopic(String tenantId, String device, String ownDeviceId, String messageTopic,
                String correlationId, int status) {
            String deviceSegment = !device.equals(ownDeviceId) ? device : forItself() || forAllItsDevices() ? "" : deviceId;
            return (shortForm ? "e/" : "error/") + (tenant.isEmpty() ? "" : tenantId) + "/" + deviceSegment + "/"
                    + endpointOf(messageTopic) + "/" + correlationId + "/" + status;
        }
    }

    /** Returns whether a topic filter is in the error namespace ({@code error/…} or {@code e/…}). */
    public static boolean isErrorFilter(String filter) {
        return filter != null && (filter.startsWith("error/") || filter.startsWith("e/"));
    }

    /** Parses an error topic filter; empty when it is not one Hono accepts. */
    public static Optional<Subscription> parseSubscription(String filter) {
        Matcher m = filter == null ? null : FILTER.matcher(filter);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Subscription(m.group(1).equals("e"), m.group(2), m.group(3)));
    }

    /**
     * Returns the endpoint segment of an error about a message published to {@code topic}:
     * {@code telemetry}, {@code t}, {@code event}, {@code e} as published, {@code command-response}
     * or {@code c-s} for a command response, otherwise {@code unknown}.
     */
    static String endpointOf(String topic) {
        int slash = topic == null ? -1 : topic.indexOf('/');
        String first = topic == null ? "" : slash < 0 ? topic : topic.substring(0, slash);
        return switch (first) {
            case "telemetry", "t", "event", "e" -> first;
            case "command" -> COMMAND_RESPONSE;
            case "c" -> COMMAND_RESPONSE_SHORT;
            default -> UNKNOWN;
        };
    }
}
