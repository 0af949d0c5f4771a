package org.anju.gateway.impl;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.error.ServerError;
import org.anju.gateway.DeviceAuthenticator;
import org.anju.gateway.Downstream;
import org.anju.gateway.GatewayOptions;
import org.anju.gateway.MqttGateway;

/**
 * Owns the Vert.x MQTT server and the sessions of connected devices.
 */
public final class MqttGatewayImpl implements MqttGateway {

    private static final Logger LOG = LoggerFactory.getLogger(MqttGatewayImpl.class);

    private final Vertx vertx;
    private final GatewayOptions options;
    private final DeviceAuthenticator authenticator;
    private final Downstream downstream;
    private final GatewayMetrics metrics;
    private final Map<Object, DeviceSession> sessions = new ConcurrentHashMap<>();
    private MqttServer server;
    private Future<Integer> listening;

    public MqttGatewayImpl(Vertx vertx, GatewayOptions options, DeviceAuthenticator authenticator,
            Downstream downstream, MeterRegistry meters) {
        this.vertx = vertx;
        this.options = options;
        this.authenticator = authenticator;
        this.downstream = downstream;
        this.metrics = new GatewayMetrics(meters, sessions::size);
    }

    @Override
    public synchronized Future<Integer> start() {
        if (listening != null) {
            return listening;
        }
        MqttServerOptions serverOptions = new MqttServerOptions()
                .setHost(options.host())
                .setPort(options.port())
                // the codec refuses larger packets before they are buffered whole
                .setMaxMessageSize(options.maxPayloadBytes() + 1024)
                .setUseWebSocket(false);
        server = MqttServer.create(vertx, serverOptions);
        server.endpointHandler(endpoint -> {
            DeviceSession session = new DeviceSession(vertx, endpoint, options, authenticator, downstream, metrics,
                    () -> sessions.remove(endpoint));
            sessions.put(endpoint, session);
            session.open();
        });
        listening = server.listen()
                .map(MqttServer::actualPort)
                .onSuccess(port -> LOG.info("MQTT gateway listening [host: {}, port: {}]", options.host(), port))
                .recover(cause -> Future.failedFuture(ServerError.unavailable(
                        "cannot listen for MQTT on " + options.host() + ":" + options.port() + ": "
                                + cause.getMessage(), cause)));
        return listening;
    }

    @Override
    public synchronized Future<Void> stop() {
        if (server == null) {
            return Future.succeededFuture();
        }
        MqttServer closing = server;
        server = null;
        listening = null;
        // closing the server closes every connection; each session's close handler then cleans up
        return closing.close();
    }

    @Override
    public int connectionCount() {
        return sessions.size();
    }
}
