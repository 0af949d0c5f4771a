package org.anju.gateway.impl;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.util.Optional;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.impl.ContextInternal;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.messages.MqttPublishMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.error.ServerError;
import org.anju.gateway.CommandRequest;
import org.anju.gateway.DeviceIdentity;
import org.anju.gateway.TenantLimits;
import org.anju.log.LogSafe;
import org.anju.protocol.CommandTopic;
import org.anju.protocol.DeviceMessage;
import org.anju.protocol.Endpoint;

/**
 * One device connection, from CONNECT to close: authentication, quotas and takeover, then its
 * publishes ({@link PublishPipeline}), command responses, and its command subscriptions and
 * deliveries ({@link SessionCommands}). All methods run on the connection's context unless stated otherwise.
 */
final class DeviceSession {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceSession.class);
    static final long REFUSAL_LOG_INTERVAL_S = 5;
    private static final int MQTT_5 = 5;

    enum State { AUTHENTICATING, CONNECTED, CLOSED }

    private final GatewayContext gateway;
    private final MqttEndpoint endpoint;
    private final Context context;
    private final boolean mqtt5;
    private State state = State.AUTHENTICATING;
    private DeviceIdentity device;
    private String sessionKey;
    private GatewayMetrics.TenantMeters meters;
    private FlowControl flow;
    private OrderedAcks acks;
    private PublishPipeline publishes;
    private SessionCommands commands;
    private boolean takenOver;

    DeviceSession(GatewayContext gateway, MqttEndpoint endpoint, Context context) {
        this.gateway = gateway;
        this.endpoint = endpoint;
        this.context = context;
        this.mqtt5 = endpoint.protocolVersion() == MQTT_5;
    }

    void open(Optional<Credentials> credentials) {
        endpoint.closeHandler(v -> closed());
        endpoint.exceptionHandler(cause -> LOG.debug("connection error [client: {}]: {}",
                LogSafe.text(endpoint.clientIdentifier()), cause.getMessage()));
        onContext(gateway.authentication().authenticate(address(), credentials)
                .compose(identity -> gateway.registry().limits(identity.tenantId())
                        .map(limits -> new Admitted(identity, limits))
                        .recover(cause -> Future.failedFuture(new ConnectAuthentication.Refused(
                                Refusal.REGISTRY_UNAVAILABLE, cause.getMessage())))))
                .onSuccess(admitted -> admit(admitted.identity(), admitted.limits()))
                .onFailure(cause -> refuse(cause instanceof ConnectAuthentication.Refused refused ? refused.refusal()
                        : Refusal.REGISTRY_UNAVAILABLE, cause.getMessage()));
    }

    private record Admitted(DeviceIdentity identity, TenantLimits limits) {
    }

    DeviceIdentity identity() {
        return device;
    }

    Context context() {
        return context;
    }

    /** Returns the device's IP address, for the log and the throttling of failed authentications. */
    private String address() {
        return endpoint.remoteAddress() == null ? "unknown" : endpoint.remoteAddress().host();
    }

    /** Returns whether the device is connected (authenticated, and not closed yet). */
    boolean connected() {
        return state == State.CONNECTED;
    }

    /** Returns a future whose callbacks run on this connection's context, whichever thread completes it. */
    <T> Future<T> onContext(Future<T> future) {
        Promise<T> promise = ((ContextInternal) context).promise();
        future.onComplete(promise);
        return promise.future();
    }

    /** Ends this session because the same client connected again (called from any thread). */
    void takeOver() {
        context.runOnContext(v -> {
            takenOver = true;
            end(new Rejection(Refusal.TAKEN_OVER, "a new connection with the same client id took over"));
        });
    }

    /** Ends this session because the device's credentials were revoked (called from any thread). */
    void revoke() {
        context.runOnContext(v -> end(new Rejection(Refusal.REVOKED, "credentials revoked or device disabled")));
    }

    /** Publishes a command request to this connection (called from any thread). */
    Future<Void> deliverCommand(CommandRequest request, String requestId) {
        Promise<Void> delivered = Promise.promise();
        context.runOnContext(v -> {
            if (state != State.CONNECTED) {
                delivered.fail(ServerError.unavailable("device " + request.deviceId() + " is no longer connected", null));
            } else {
                commands.deliver(request, requestId).onComplete(delivered);
            }
        });
        return delivered.future();
    }

    private void admit(DeviceIdentity identity, TenantLimits limits) {
        if (state == State.CLOSED) {
            return;
        }
        if (!gateway.sessions().tryReserve(identity.tenantId(), limits.maxConnections())) {
            refuse(Refusal.CONNECTIONS_EXCEEDED, "connection quota of the gateway or of tenant " + identity.tenantId() + " reached");
            return;
        }
        device = identity;
        // a session is the device's own: another device using the same client id neither takes it over nor locks it out
        sessionKey = SessionRegistry.key(identity, endpoint.clientIdentifier());
        gateway.sessions().register(sessionKey, this).ifPresent(DeviceSession::takeOver);
        state = State.CONNECTED;
        meters = gateway.metrics().tenant(identity.tenantId());
        meters.connected();
        flow = new FlowControl(context, SocketReadControl.of(endpoint), gateway.inFlight(),
                gateway.options().maxInFlightPerConnection());
        acks = new OrderedAcks(gateway.vertx(), context, endpoint, mqtt5, () -> end(null),
                gateway.options().ackTimeout().toNanos());
        ErrorReports errors = new ErrorReports(gateway, endpoint, identity, mqtt5);
        FailedMessages failures = new FailedMessages(acks, errors, mqtt5, this::end);
        publishes = new PublishPipeline(gateway, context, identity, limits, meters, flow, acks, failures);
        endpoint.publishAutoAck(false);
        endpoint.subscriptionAutoAck(false);
        endpoint.publishHandler(this::onPublish);
        commands = new SessionCommands(gateway, this, endpoint, identity, meters, mqtt5, errors, acks, failures);
        endpoint.subscribeHandler(commands::subscribe);
        endpoint.unsubscribeHandler(commands::unsubscribe);
        endpoint.publishAcknowledgeHandler(commands::acknowledged);
        endpoint.accept(false, connackProperties(limits));
        notifyConnection("connected");
        LOG.debug("{} connected [client: {}, address: {}, mqtt: {}]", device, LogSafe.text(endpoint.clientIdentifier()),
                address(), endpoint.protocolVersion());
    }

    private MqttProperties connackProperties(TenantLimits limits) {
        MqttProperties properties = new MqttProperties();
        if (mqtt5) {
            properties.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.RECEIVE_MAXIMUM.value(),
                    gateway.options().maxInFlightPerConnection()));
            properties.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.MAXIMUM_QOS.value(), 1));
            properties.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.RETAIN_AVAILABLE.value(), 0));
            properties.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.MAXIMUM_PACKET_SIZE.value(),
                    Math.min(gateway.options().maxPacketBytes(), limits.maxPayloadBytes() + limits.maxTopicLength() + 64)));
        }
        return properties;
    }

    private void refuse(Refusal refusal, String detail) {
        gateway.metrics().connectionRefused(refusal);
        // a reconnect storm refused as busy, or a guessing attack, is a few lines, not one per attempt
        long suppressed = gateway.refusalsLogged().admit(refusal.label());
        if (suppressed >= 0) {
            LOG.info("connection refused [client: {}, user: {}, address: {}, reason: {}]: {}{}",
                    LogSafe.text(endpoint.clientIdentifier()), LogSafe.text(endpoint.auth() == null ? null
                            : endpoint.auth().getUsername()), address(), refusal.label(), LogSafe.text(detail),
                    suppressed == 0 ? "" : " (and " + suppressed + " more for this reason in the last "
                            + REFUSAL_LOG_INTERVAL_S + " s)");
        }
        if (state != State.CLOSED && !endpoint.isConnected()) {
            endpoint.reject(refusal.connack(mqtt5));
        }
    }

    private void onPublish(MqttPublishMessage message) {
        if (state != State.CONNECTED) {
            return;
        }
        if (CommandTopic.isCommandTopic(message.topicName())) {
            commands.responded(message);
            return;
        }
        publishes.handle(message);
    }

    /** Ends the session: MQTT 5 with a DISCONNECT reason, MQTT 3.1.1 by closing. */
    private void end(Rejection reason) {
        if (state == State.CLOSED || !endpoint.isConnected()) {
            return;
        }
        if (reason != null) {
            LOG.info("{} connection closed ({}): {}", device, reason.refusal().label(), reason.message());
        }
        if (mqtt5 && reason != null) {
            endpoint.disconnect(reason.refusal().disconnect(),
                    OrderedAcks.reason(new PublishPipeline.RefusedMessage(reason.refusal(), reason.message())));
        } else {
            endpoint.close();
        }
    }

    private void closed() {
        State previous = state;
        state = State.CLOSED;
        if (previous != State.CONNECTED) {
            return;
        }
        acks.close();
        flow.close();
        commands.closed();
        gateway.sessions().remove(sessionKey, this);
        gateway.sessions().release(device.tenantId());
        meters.disconnected();
        notifyConnection(takenOver ? "taken_over" : gateway.sessions().isStopping() ? "gateway_stopped" : "disconnected");
        LOG.debug("{} disconnected", device);
    }

    /** Tells the platform that the device connected or went away, as Hono's connection events do. */
    private void notifyConnection(String kind) {
        byte[] payload = ("{\"kind\": \"" + kind + "\", \"clientId\": \"" + jsonSafe(endpoint.clientIdentifier())
                + "\"}").getBytes(UTF_8);
        gateway.downstream().send(new DeviceMessage(device.tenantId(), device.deviceId(), Endpoint.EVENT, 1, payload,
                Instant.now(), DeviceMessage.CONNECTION_NOTIFICATION))
                .onFailure(cause -> LOG.debug("{} {} event not stored: {}", device, kind, cause.getMessage()));
    }

    private static String jsonSafe(String text) {
        return text.replaceAll("[\"\\\\\\p{Cntrl}]", "_");
    }
}
