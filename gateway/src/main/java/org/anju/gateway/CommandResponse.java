package org.anju.gateway;

/**
 * What a device answered to a command.
 *
 * @param status  the HTTP-like status the device put in its response topic (200 OK, 4xx the
 *                command was wrong, 5xx the device failed); 202 for a one-way command delivered
 * @param payload the response body, possibly empty
 */
public record CommandResponse(int status, byte[] payload) {

    /** The answer to a one-way command once the device has it. */
    public static CommandResponse delivered() {
        return new CommandResponse(202, new byte[0]);
    }
}
