package org.anju.gateway.impl;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.Optional;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.error.ClientError;
import org.anju.error.ServerError;
import org.anju.gateway.DeviceAuthenticator;
import org.anju.gateway.DeviceIdentity;
import org.anju.gateway.Downstream;
import org.anju.gateway.GatewayOptions;
import org.anju.protocol.DeviceMessage;
import org.anju.protocol.Endpoint;
import org.anju.protocol.HonoTopic;

/**
 * One device connection: authenticates it, checks what it publishes and acknowledges each QoS 1
 * message once the downstream has durably accepted it, in the order the messages arrived.
 * <p>
 * All methods run on the connection's event loop.
 */
final class DeviceSession {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceSession.class);
    private static final int MQTT_5 = 5;

    enum State { AUTHENTICATING, CONNECTED, CLOSED }

    private final MqttEndpoint endpoint;
    private final GatewayOptions options;
    private final DeviceAuthenticator authenticator;
    private final Downstream downstream;
    private final GatewayMetrics metrics;
    private final Runnable onClosed;
    private final OrderedAcks acks;
    private State state = State.AUTHENTICATING;
    private DeviceIdentity device;

    DeviceSession(Vertx vertx, MqttEndpoint endpoint, GatewayOptions options, DeviceAuthenticator authenticator,
            Downstream downstream, GatewayMetrics metrics, Runnable onClosed) {
        this.endpoint = endpoint;
        this.options = options;
        this.authenticator = authenticator;
        this.downstream = downstream;
        this.metrics = metrics;
        this.onClosed = onClosed;
        this.acks = new OrderedAcks(vertx.getOrCreateContext(), endpoint, isMqtt5(), this::failConnection);
    }

    void open() {
        endpoint.closeHandler(v -> closed());
        endpoint.exceptionHandler(cause -> LOG.debug("connection error [client: {}]: {}",
                endpoint.clientIdentifier(), cause.getMessage()));
        Optional<Credentials> credentials = Credentials.from(endpoint.auth());
        if (credentials.isEmpty()) {
            refuse("bad_username", "user name must be auth-id@tenant with a password");
            return;
        }
        Credentials c = credentials.get();
        authenticator.authenticate(c.tenantId(), c.authId(), c.password())
                .onSuccess(this::accept)
                .onFailure(cause -> refuse(cause instanceof ClientError ? "bad_credentials" : "registry_unavailable",
                        cause.getMessage()));
    }

    private void accept(DeviceIdentity identity) {
        if (state == State.CLOSED) {
            return;
        }
        device = identity;
        state = State.CONNECTED;
        endpoint.publishAutoAck(false);
        endpoint.publishHandler(this::onPublish);
        endpoint.accept(false);
        LOG.debug("{} connected [client: {}, mqtt: {}]", device, endpoint.clientIdentifier(), endpoint.protocolVersion());
    }

    private void refuse(String reason, String detail) {
        metrics.connectionRefused(reason);
        LOG.info("connection refused [client: {}, reason: {}]: {}", endpoint.clientIdentifier(), reason, detail);
        if (state == State.CLOSED) {
            return;
        }
        boolean registryDown = reason.equals("registry_unavailable");
        MqttConnectReturnCode code;
        if (isMqtt5()) {
            code = registryDown ? MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE_5
                    : MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD;
        } else {
            code = registryDown ? MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE
                    : MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD;
        }
        endpoint.reject(code);
    }

    private void onPublish(MqttPublishMessage message) {
        if (state != State.CONNECTED) {
            return;
        }
        long receivedNanos = System.nanoTime();
        int qos = message.qosLevel().value();
        DeviceMessage deviceMessage;
        try {
            deviceMessage = toDeviceMessage(message);
        } catch (ClientError error) {
            reject(message, error);
            return;
        }
        metrics.received(device.tenantId(), deviceMessage.endpoint().longName(), qos);
        Future<Void> stored = withTimeout(downstream.send(deviceMessage));
        if (qos == MqttQoS.AT_MOST_ONCE.value()) {
            stored.onFailure(cause -> metrics.rejected(device.tenantId(), MqttErrors.rejectionLabel(cause)));
            return;
        }
        acks.add(message.messageId(), stored.andThen(result -> {
            if (result.succeeded()) {
                metrics.acknowledged(device.tenantId(), Duration.ofNanos(System.nanoTime() - receivedNanos));
            } else {
                metrics.rejected(device.tenantId(), MqttErrors.rejectionLabel(result.cause()));
                logRejection(result.cause());
            }
        }));
    }

    private DeviceMessage toDeviceMessage(MqttPublishMessage message) {
        HonoTopic topic = HonoTopic.parsePublish(message.topicName());
        MqttQoS qos = message.qosLevel();
        if (qos == MqttQoS.EXACTLY_ONCE) {
            throw ClientError.badRequest("QoS 2 is not supported: use QoS 0 or 1");
        }
        if (topic.endpoint() == Endpoint.EVENT && qos != MqttQoS.AT_LEAST_ONCE) {
            throw ClientError.badRequest("events must be published with QoS 1");
        }
        boolean otherTenant = topic.tenantId().filter(t -> !t.equals(device.tenantId())).isPresent();
        boolean otherDevice = topic.deviceId().filter(d -> !d.equals(device.deviceId())).isPresent();
        if (otherTenant || otherDevice) {
            throw ClientError.forbidden(device + " may not publish on behalf of another device");
        }
        byte[] payload = message.payload().getBytes();
        if (payload.length > options.maxPayloadBytes()) {
            throw new ClientError(ClientError.PAYLOAD_TOO_LARGE,
                    "payload of " + payload.length + " bytes exceeds " + options.maxPayloadBytes());
        }
        return new DeviceMessage(device.tenantId(), device.deviceId(), topic.endpoint(), qos.value(), payload,
                Instant.now());
    }

    /** Answers a message refused before it reached the downstream. */
    private void reject(MqttPublishMessage message, ClientError error) {
        metrics.rejected(device.tenantId(), MqttErrors.rejectionLabel(error));
        logRejection(error);
        MqttQoS qos = message.qosLevel();
        if (qos == MqttQoS.AT_LEAST_ONCE) {
            acks.add(message.messageId(), Future.failedFuture(error));
        } else if (isMqtt5()) {
            // no PUBACK exists for QoS 0 and 2 here: the only way to tell the device is to end the session
            endpoint.disconnect(qos == MqttQoS.EXACTLY_ONCE ? MqttDisconnectReasonCode.QOS_NOT_SUPPORTED
                    : MqttDisconnectReasonCode.PAYLOAD_FORMAT_INVALID, MqttProperties.NO_PROPERTIES);
        } else if (qos == MqttQoS.EXACTLY_ONCE) {
            failConnection();
        }
        // a QoS 0 message refused from an MQTT 3.1.1 device is dropped and counted: best effort
    }

    private Future<Void> withTimeout(Future<Void> stored) {
        return stored.timeout(options.ackTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .recover(cause -> Future.failedFuture(cause instanceof TimeoutException
                        ? ServerError.timeout("not stored within " + options.ackTimeout())
                        : cause));
    }

    private void logRejection(Throwable cause) {
        if (cause instanceof ClientError) {
            // a device's mistake: worth a line for its developer, never a stack trace
            LOG.info("{} message rejected: {}", device, cause.getMessage());
        } else {
            LOG.warn("{} message not stored: {}", device, cause.getMessage());
        }
    }

    /** Ends an MQTT 3.1.1 session whose message was not accepted, so the device re-sends it. */
    private void failConnection() {
        if (state != State.CLOSED && endpoint.isConnected()) {
            LOG.info("{} closing MQTT 3.1.1 connection without PUBACK so that the device re-sends", device);
            endpoint.close();
        }
    }

    private void closed() {
        State previous = state;
        state = State.CLOSED;
        acks.close();
        onClosed.run();
        if (previous == State.CONNECTED) {
            LOG.debug("{} disconnected", device);
        }
    }

    private boolean isMqtt5() {
        return endpoint.protocolVersion() == MQTT_5;
    }
}
