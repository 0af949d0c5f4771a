package org.anju.gateway.impl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttTopicSubscription;
import io.vertx.mqtt.messages.MqttSubscribeMessage;
import io.vertx.mqtt.messages.MqttUnsubscribeMessage;
import io.vertx.mqtt.messages.codes.MqttSubAckReasonCode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.error.ServerError;
import org.anju.gateway.CommandRequest;
import org.anju.gateway.DeviceIdentity;
import org.anju.log.LogSafe;
import org.anju.protocol.CommandTopic;
import org.anju.protocol.ErrorTopic;

/**
 * The command side of one connection: its subscriptions to command topics (registered with the
 * gateway's {@link SessionRegistry} so that commands find it) and the commands delivered on them.
 * Used on the connection's context only.
 */
final class SessionCommands {

    private static final Logger LOG = LoggerFactory.getLogger(SessionCommands.class);

    private final GatewayContext gateway;
    private final DeviceSession session;
    private final MqttEndpoint endpoint;
    private final DeviceIdentity device;
    private final GatewayMetrics.TenantMeters meters;
    private final boolean mqtt5;
    private final ErrorReports errors;
    private final CommandSubscriptions subscriptions = new CommandSubscriptions();
    private final Map<Integer, Promise<Void>> unacknowledged = new HashMap<>();

    SessionCommands(GatewayContext gateway, DeviceSession session, MqttEndpoint endpoint, DeviceIdentity device,
            GatewayMetrics.TenantMeters meters, boolean mqtt5, ErrorReports errors) {
        this.gateway = gateway;
        this.session = session;
        this.endpoint = endpoint;
        this.device = device;
        this.meters = meters;
        this.mqtt5 = mqtt5;
        this.errors = errors;
    }

    /** Publishes a command request on the subscription that covers its device. */
    Future<Void> deliver(CommandRequest request, String requestId) {
        Optional<CommandSubscriptions.Subscribed> subscribed = subscriptions.find(request.deviceId(), device.deviceId());
        if (subscribed.isEmpty()) {
            return Future.failedFuture(ServerError.unavailable("device " + request.deviceId() + " is no longer subscribed", null));
        }
        Promise<Void> delivered = Promise.promise();
        MqttQoS qos = MqttQoS.valueOf(subscribed.get().qos());
        String topic = subscribed.get().subscription().requestTopic(device.tenantId(), request.deviceId(), requestId,
                request.name());
        endpoint.publish(topic, Buffer.buffer(request.payload()), qos, false, false)
                .onSuccess(messageId -> {
                    meters.commandSent();
                    if (qos == MqttQoS.AT_LEAST_ONCE && request.oneWay()) {
                        unacknowledged.put(messageId, delivered); // a one-way command is delivered at its PUBACK
                    } else {
                        delivered.tryComplete();
                    }
                })
                .onFailure(delivered::tryFail);
        return delivered.future();
    }

    /**
     * Answers a SUBSCRIBE once every filter in it is decided: a device may receive its own commands,
     * a registered gateway (via) those of its devices; every other device's commands are refused
     * (MQTT 5 SUBACK 0x87, 3.1.1 0x80). A wildcard ({@code command//+/req/#}) is granted, and only
     * ever receives commands for devices the subscriber acts for when each is sent. Filters in the
     * error namespace ({@code error///#}) are {@link ErrorReports}'.
     */
    void subscribe(MqttSubscribeMessage subscribe) {
        List<Future<MqttSubAckReasonCode>> decisions = new ArrayList<>();
        for (MqttTopicSubscription filter : subscribe.topicSubscriptions()) {
            decisions.add(subscribe(filter));
        }
        // decided in order: subscriptions of one SUBSCRIBE are registered in the order they came
        Future.join(decisions).onComplete(all -> endpoint.subscribeAcknowledge(subscribe.messageId(),
                decisions.stream().map(d -> d.succeeded() ? d.result() : MqttSubAckReasonCode.UNSPECIFIED_ERROR).toList(),
                MqttProperties.NO_PROPERTIES));
    }

    private Future<MqttSubAckReasonCode> subscribe(MqttTopicSubscription filter) {
        if (ErrorTopic.isErrorFilter(filter.topicName())) {
            return session.onContext(errors.subscribe(filter));
        }
        Optional<CommandTopic.Subscription> parsed = CommandTopic.parseSubscription(filter.topicName());
        if (parsed.isEmpty()) {
            LOG.info("{} subscription refused: '{}' is not a command topic", device, LogSafe.text(filter.topicName()));
            return Future.succeededFuture(mqtt5 ? MqttSubAckReasonCode.TOPIC_FILTER_INVALID
                    : MqttSubAckReasonCode.UNSPECIFIED_ERROR);
        }
        CommandTopic.Subscription command = parsed.get();
        return session.onContext(mayReceive(command)).map(allowed -> {
            if (!allowed) {
                LOG.info("{} subscription refused: '{}' is the commands of device {} of tenant {}, which it is not"
                        + " a gateway of", device, LogSafe.text(filter.topicName()), LogSafe.text(command.deviceId()),
                        LogSafe.text(command.tenant()));
                return mqtt5 ? MqttSubAckReasonCode.NOT_AUTHORIZED : MqttSubAckReasonCode.UNSPECIFIED_ERROR;
            }
            int qos = subscriptions.add(command, filter.qualityOfService().value());
            if (session.connected()) {
                register(command);
            }
            return MqttSubAckReasonCode.qosGranted(MqttQoS.valueOf(qos));
        }).otherwise(cause -> {
            LOG.warn("{} subscription to '{}' not decided, the registry could not be asked: {}", device,
                    LogSafe.text(filter.topicName()), cause.getMessage());
            return MqttSubAckReasonCode.UNSPECIFIED_ERROR;
        });
    }

    /** Whether the device may receive the commands of this subscription: its own, or a device it acts for. */
    private Future<Boolean> mayReceive(CommandTopic.Subscription command) {
        if (!command.coversTenant(device.tenantId())) {
            return Future.succeededFuture(false);
        }
        if (command.forItself() || command.forAllItsDevices() || command.deviceId().equals(device.deviceId())) {
            return Future.succeededFuture(true);
        }
        return gateway.registry().mayActFor(device, command.deviceId());
    }

    void unsubscribe(MqttUnsubscribeMessage unsubscribe) {
        for (String filter : unsubscribe.topics()) {
            if (errors.unsubscribe(filter)) {
                continue;
            }
            CommandTopic.parseSubscription(filter).filter(subscriptions::remove).ifPresent(sub -> {
                if (sub.forAllItsDevices()) {
                    gateway.sessions().stopsCommandsForAll(device.tenantId(), session);
                } else {
                    gateway.sessions().stopsCommandsFor(device.tenantId(), target(sub), session);
                }
            });
        }
        endpoint.unsubscribeAcknowledge(unsubscribe.messageId());
    }

    /** The device's PUBACK of a command delivered at QoS 1. */
    void acknowledged(int messageId) {
        Promise<Void> delivered = unacknowledged.remove(messageId);
        if (delivered != null) {
            delivered.tryComplete();
        }
    }

    /** Fails the one-way commands the closed connection never acknowledged. */
    void closed() {
        unacknowledged.values().forEach(p -> p.tryFail(ServerError.unavailable("device disconnected", null)));
        unacknowledged.clear();
    }

    private void register(CommandTopic.Subscription sub) {
        if (sub.forAllItsDevices()) {
            gateway.sessions().receivesCommandsForAll(device.tenantId(), session);
        } else {
            gateway.sessions().receivesCommandsFor(device.tenantId(), target(sub), session);
        }
    }

    private String target(CommandTopic.Subscription sub) {
        return sub.forItself() ? device.deviceId() : sub.deviceId();
    }
}
