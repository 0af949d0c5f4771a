package org.anju.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import org.anju.gateway.impl.MqttGatewayImpl;

/**
 * The MQTT device endpoint: speaks the Eclipse Hono MQTT adapter API to devices, authenticates
 * them, hands what they publish to a {@link Downstream} and acknowledges a QoS 1 message only when
 * the downstream has durably accepted it.
 */
public interface MqttGateway {

    /** Creates a gateway; nothing listens until {@link #start()}. */
    static MqttGateway create(Vertx vertx, GatewayOptions options, DeviceAuthenticator authenticator,
            Downstream downstream, MeterRegistry meters) {
        return new MqttGatewayImpl(vertx, options, authenticator, downstream, meters);
    }

    /**
     * Starts listening; idempotent.
     *
     * @return the port listened on; fails with a {@link org.anju.error.ServerError} naming the port
     *         when it cannot be bound (for example because it is in use)
     */
    Future<Integer> start();

    /** Stops listening and closes every device connection; idempotent. */
    Future<Void> stop();

    /** Returns the number of devices connected now. */
    int connectionCount();
}
