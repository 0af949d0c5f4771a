package org.anju.platform.commands;

import java.time.Duration;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import org.anju.error.ClientError;
import org.anju.gateway.CommandRequest;
import org.anju.gateway.CommandResponse;
import org.anju.gateway.MqttGateway;
import org.anju.platform.registry.DeviceRegistry;

/**
 * Sends commands to devices through the gateway (request/response or one-way).
 */
public final class DeviceCommands {

    /** The longest a caller may wait for a device's answer. */
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);

    private final Vertx vertx;
    private final MqttGateway gateway;
    private final DeviceRegistry registry;

    public DeviceCommands(Vertx vertx, MqttGateway gateway, DeviceRegistry registry) {
        this.vertx = vertx;
        this.gateway = gateway;
        this.registry = registry;
    }

    /**
     * Sends a command to a device.
     *
     * @return the device's answer; fails with {@link ClientError} 404 for an unknown device, 400 for
     *         a bad name or timeout, and as {@link MqttGateway#sendCommand(CommandRequest)} does when
     *         the device is not connected (503) or does not answer in time (504)
     */
    public Future<CommandResponse> send(String deviceId, String name, byte[] payload, boolean oneWay, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            return Future.failedFuture(ClientError.badRequest("timeout must be from 1 s to " + MAX_TIMEOUT.toSeconds() + " s"));
        }
        return vertx.executeBlocking(() -> registry.tenantOf(deviceId)
                        .orElseThrow(() -> ClientError.notFound("no device '" + deviceId + "'")), false)
                .compose(tenant -> gateway.sendCommand(new CommandRequest(tenant, deviceId, name, payload, oneWay, timeout)));
    }
}
