package org.anju.platform.commands;

import java.time.Duration;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import org.anju.error.ClientError;
import org.anju.gateway.CommandRequest;
import org.anju.gateway.CommandResponse;
import org.anju.platform.registry.DeviceRegistry;

/**
 * Sends commands to devices (request/response or one-way) through the in-process gateway or
 * Hono's Kafka command API ({@link CommandChannel}).
 */
public final class DeviceCommands {

    /** The longest a caller may wait for a device's answer. */
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);

    private final Vertx vertx;
    private final CommandChannel channel;
    private final DeviceRegistry registry;

    public DeviceCommands(Vertx vertx, CommandChannel channel, DeviceRegistry registry) {
        this.vertx = vertx;
        this.channel = channel;
        this.registry = registry;
    }

    /**
     * Sends a command to a device.
     *
     * @return the device's answer; fails with {@link ClientError} 404 for an unknown device, 400 for
     *         a bad name or timeout, and as {@link CommandChannel#send(CommandRequest)} does when
     *         the device is not connected (503) or does not answer in time (504)
     */
    public Future<CommandResponse> send(String deviceId, String name, byte[] payload, boolean oneWay, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            return Future.failedFuture(ClientError.badRequest("timeout must be from 1 s to " + MAX_TIMEOUT.toSeconds() + " s"));
        }
        return vertx.executeBlocking(() -> registry.tenantOf(deviceId)
                        .orElseThrow(() -> ClientError.notFound("no device '" + deviceId + "'")), false)
                .compose(tenant -> channel.send(new CommandRequest(tenant, deviceId, name, payload, oneWay, timeout)));
    }
}
