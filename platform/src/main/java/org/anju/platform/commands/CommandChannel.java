package org.anju.platform.commands;

import io.vertx.core.Future;

import org.anju.gateway.CommandRequest;
import org.anju.gateway.CommandResponse;

/**
 * How commands reach devices: the in-process gateway ({@code MqttGateway::sendCommand}), or
 * Eclipse Hono's Kafka command API ({@link HonoCommands}) when gateways run elsewhere.
 */
@FunctionalInterface
public interface CommandChannel {

    /**
     * Sends a command.
     *
     * @return the device's response ({@link CommandResponse#delivered()} for a one-way command once
     *         delivered); fails with a {@link org.anju.error.ServerError} 503 when the device cannot
     *         be reached, 504 when it did not answer in time
     */
    Future<CommandResponse> send(CommandRequest request);
}
