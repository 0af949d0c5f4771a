package org.anju.gateway;

import java.util.function.Consumer;
import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import org.anju.gateway.impl.MqttGatewayImpl;

/**
 * The MQTT device endpoint: speaks the Eclipse Hono MQTT adapter API to devices, authenticates
 * them, hands what they publish to a {@link Downstream}, acknowledges a QoS 1 message only when
 * the downstream has durably accepted it, and delivers commands.
 */
public interface MqttGateway {

    /** Creates a gateway; nothing listens until {@link #start()}. */
    static MqttGateway create(Vertx vertx, GatewayOptions options, DeviceRegistryClient registry,
            Downstream downstream, MeterRegistry meters) {
        return new MqttGatewayImpl(vertx, options, registry, downstream, meters);
    }

    /**
     * Starts listening (plain unless turned off, and TLS when configured); idempotent.
     *
     * @return the plain port listened on, 0 when the plain port is off; fails with a {@link org.anju.error.ServerError} naming the
     *         port when it cannot be bound (for example because it is in use)
     */
    Future<Integer> start();

    /** Returns the TLS port listened on, or 0 without TLS. Valid after {@link #start()}. */
    int tlsPort();

    /** Stops listening and closes every device connection; idempotent. */
    Future<Void> stop();

    /** Returns the number of devices connected now. */
    int connectionCount();

    /**
     * Tells {@code listener} the tenant of every command subscription a device makes, on the
     * device's connection context (it must not block): the Kafka command consumer makes sure it
     * reads that tenant's command topic, as Hono's command router does when a device subscribes.
     */
    void onCommandSubscription(Consumer<String> listener);

    /**
     * Sends a command to a connected device (or to the connected gateway that acts for it).
     *
     * @return the device's response ({@link CommandResponse#delivered()} for one-way commands); fails
     *         fast with a {@link org.anju.error.ServerError} 503 when neither the device nor one of
     *         its gateways is connected and subscribed for commands, with 504 when the device did not
     *         answer within the request's timeout
     */
    default Future<CommandResponse> sendCommand(CommandRequest command) {
        return sendCommand(command, response -> Future.succeededFuture());
    }

    /**
     * Sends a command as {@link #sendCommand(CommandRequest)}, handing the device's response to
     * {@code forward} (for example to Kafka) before the device's PUBACK of it: a failure of
     * {@code forward} is the response not taken (503 on the device's error topic), and the response
     * is awaited again until the command's timeout, for the device to send it again; the returned
     * future completes once a forwarding succeeded.
     */
    Future<CommandResponse> sendCommand(CommandRequest command, Function<CommandResponse, Future<Void>> forward);
}
