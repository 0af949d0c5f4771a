package org.anju.protocol;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.anju.error.ClientError;

/**
 * The command topics of the Eclipse Hono MQTT adapter API.
 * <ul>
 * <li>A device subscribes {@code command///req/#} (short {@code c///q/#}); a gateway
 * {@code command//+/req/#} for all its devices or {@code command//{device}/req/#} for one. Each
 * may name its tenant, or {@code +} for it, as Hono's adapter allows
 * ({@code command/{tenant}//req/#}, {@code command/+/+/req/#}); requests then name the tenant
 * too.</li>
 * <li>Requests arrive on {@code command///req/{req-id}/{name}} (gateways:
 * {@code command//{device}/req/{req-id}/{name}}); a one-way command has an empty req-id.</li>
 * <li>Responses go to {@code command///res/{req-id}/{status}} (short {@code c///s/...}; gateways
 * {@code command//{device}/res/{req-id}/{status}}).</li>
 * </ul>
 */
public final class CommandTopic {

    private static final Pattern SUBSCRIPTION = Pattern.compile("(command|c)/([^/#+]*|\\+)/([^/#+]*|\\+)/(req|q)/#");
    private static final Pattern RESPONSE = Pattern.compile("(command|c)/([^/#+]*)/([^/#+]*)/(res|s)/([^/#+]+)/(\\d{3})");

    private CommandTopic() {
    }

    /**
     * A command subscription.
     *
     * @param shortForm whether the device used the short names ({@code c}, {@code q})
     * @param tenant    empty when the filter names none; {@code "+"}: the subscriber's tenant;
     *                  otherwise the tenant named (only the subscriber's own is ever granted)
     * @param deviceId  empty: the subscriber's own commands; {@code "+"}: every device it acts for;
     *                  otherwise that one device
     */
    public record Subscription(boolean shortForm, String tenant, String deviceId) {

        /** Returns whether the filter covers commands of {@code tenantId}'s devices. */
        public boolean coversTenant(String tenantId) {
            return tenant.isEmpty() || tenant.equals("+") || tenant.equals(tenantId);
        }

        public boolean forItself() {
            return deviceId.isEmpty();
        }

        public boolean forAllItsDevices() {
            return deviceId.equals("+");
        }

        /**
         * Returns the topic a request for {@code device} of {@code tenantId} goes to on this
         * subscription: with the tenant when the filter named one (or {@code +}), as Hono does.
         */
        public String requestTopic(String tenantId, String device, String requestId, String command) {
            String target = forItself() ? "" : device;
            String tenantSegment = tenant.isEmpty() ? "" : tenantId;
            return (shortForm ? "c/" : "command/") + tenantSegment + "/" + target + (shortForm ? "/q/" : "/req/")
                    + requestId + "/" + command;
        }
    }

    /**
     * A command response a device published.
     *
     * @param tenantId  the tenant named in the topic, empty when it names none
     * @param deviceId  the device answered for, empty when the device answers for itself
     * @param requestId the req-id of the request answered
     * @param status    the HTTP-like status, 200..599
     */
    public record Response(Optional<String> tenantId, Optional<String> deviceId, String requestId, int status) {

        /** A response whose topic names no tenant. */
        public Response(Optional<String> deviceId, String requestId, int status) {
            this(Optional.empty(), deviceId, requestId, status);
        }
    }

    /** Parses a subscription filter; empty when it is not a command subscription. */
    public static Optional<Subscription> parseSubscription(String filter) {
        Matcher m = SUBSCRIPTION.matcher(filter);
        if (!m.matches()) {
            return Optional.empty();
        }
        boolean shortForm = m.group(1).equals("c");
        if (shortForm != m.group(4).equals("q")) {
            return Optional.empty();
        }
        return Optional.of(new Subscription(shortForm, m.group(2), m.group(3)));
    }

    /** Returns whether a publish topic is in the command endpoint (a response, if anything). */
    public static boolean isCommandTopic(String topic) {
        return topic.startsWith("command/") || topic.startsWith("c/");
    }

    /**
     * Parses a command response topic.
     *
     * @throws ClientError 400 naming the expected form when the topic is not a response topic
     */
    public static Response parseResponse(String topic) {
        Matcher m = RESPONSE.matcher(topic);
        if (!m.matches() || m.group(1).equals("c") != m.group(4).equals("s")) {
            throw ClientError.badRequest("command response topic '" + topic
                    + "' must be command///res/{req-id}/{status} or command//{device}/res/{req-id}/{status}");
        }
        int status = Integer.parseInt(m.group(6));
        if (status < 200 || status > 599) {
            throw ClientError.badRequest("command response status must be 200..599, got " + status);
        }
        String tenant = m.group(2);
        String device = m.group(3);
        return new Response(tenant.isEmpty() ? Optional.empty() : Optional.of(tenant),
                device.isEmpty() ? Optional.empty() : Optional.of(device), m.group(5), status);
    }
}
