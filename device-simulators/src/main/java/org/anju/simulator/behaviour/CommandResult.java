package org.anju.simulator.behaviour;

import java.util.Map;

/**
 * A device's answer to a command: an HTTP-like status (Hono {@code command///res/{req-id}/{status}})
 * and a JSON payload.
 */
public record CommandResult(int status, Map<String, Object> payload) {

    public CommandResult {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("command status must be 200 to 599, got " + status);
        }
        payload = payload == null ? Map.of() : Map.copyOf(payload);
    }

    public static CommandResult ok(Map<String, Object> payload) {
        return new CommandResult(200, payload);
    }

    public static CommandResult refused(int status, String error) {
        return new CommandResult(status, Map.of("error", error));
    }

    /** The answer to a command name the device does not know. */
    public static CommandResult unknown(String type, String name) {
        return refused(404, type + " has no command '" + name + "'");
    }
}
