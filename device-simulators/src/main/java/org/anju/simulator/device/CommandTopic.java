package org.anju.simulator.device;

/**
 * A Hono command request topic, {@code command///req/{req-id}/{command}} (or the short
 * {@code c///q/...}), and the topic of its response.
 *
 * @param requestId the request id; empty for a one-way command, which gets no response
 * @param name      the command's name
 */
public record CommandTopic(String requestId, String name) {

    /** The filter a device subscribes to for its commands. */
    public static final String FILTER = "command///req/#";

    /** Parses a request topic; returns null when the topic is not one. */
    public static CommandTopic parse(String topic) {
        String rest;
        if (topic.startsWith("command///req/")) {
            rest = topic.substring("command///req/".length());
        } else if (topic.startsWith("c///q/")) {
            rest = topic.substring("c///q/".length());
        } else {
            return null;
        }
        int slash = rest.indexOf('/');
        if (slash < 0 || slash == rest.length() - 1) {
            return null;
        }
        return new CommandTopic(rest.substring(0, slash), rest.substring(slash + 1));
    }

    public boolean oneWay() {
        return requestId.isEmpty();
    }

    /** Returns the topic the answer with this status goes to. */
    public String responseTopic(int status) {
        return "command///res/" + requestId + "/" + status;
    }
}
