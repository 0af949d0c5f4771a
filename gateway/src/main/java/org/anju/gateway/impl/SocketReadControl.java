package org.anju.gateway.impl;

import java.lang.reflect.Field;

import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.mqtt.MqttEndpoint;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops and restarts reading from a device's socket: TCP backpressure instead of buffering.
 * <p>
 * vertx-mqtt 4.5 has no pause on {@link MqttEndpoint}, and pausing its socket does not stop the
 * decoded packets; what works is turning off the channel's auto-read, which Vert.x's own
 * {@link ConnectionBase#doPause()} does. The connection is reached through the endpoint's private
 * field, once per connection; if a future vertx-mqtt hides it, flow control degrades to the
 * in-flight limits alone (logged once) instead of failing.
 */
final class SocketReadControl implements FlowControl.Socket {

    private static final Logger LOG = LoggerFactory.getLogger(SocketReadControl.class);
    private static final Field CONNECTION = connectionField();

    private final ConnectionBase connection;

    private SocketReadControl(ConnectionBase connection) {
        this.connection = connection;
    }

    static SocketReadControl of(MqttEndpoint endpoint) {
        if (CONNECTION == null) {
            return new SocketReadControl(null);
        }
        try {
            return new SocketReadControl(CONNECTION.get(endpoint) instanceof ConnectionBase c ? c : null);
        } catch (IllegalAccessException e) {
            return new SocketReadControl(null);
        }
    }

    /** Returns whether reading can actually be paused on this connection. */
    boolean available() {
        return connection != null;
    }

    @Override
    public void pause() {
        if (connection != null) {
            connection.doPause();
        }
    }

    @Override
    public void resume() {
        if (connection != null) {
            connection.doResume();
        }
    }

    private static Field connectionField() {
        try {
            Field field = Class.forName("io.vertx.mqtt.impl.MqttEndpointImpl").getDeclaredField("conn");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("cannot reach MQTT connections to pause reading ({}): backpressure relies on in-flight limits only",
                    e.toString());
            return null;
        }
    }
}
