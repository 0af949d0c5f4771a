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
import org.anju.protocol.CommandTopic;

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
    private final CommandSubscriptions subscriptions = new CommandSubscriptions();
    private final Map<Integer, Promise<Void>> unacknowledged = new HashMap<>();

    SessionCommands(GatewayContext gateway, DeviceSession session, MqttEndpoint endpoint, DeviceIdentity device,
            GatewayMetrics.TenantMeters meters, boolean mqtt5) {
        this.gateway = gateway;
        this.session = session;
        this.endpoint = endpoint;
        this.device = device;
        this.meters = meters;
        this.mqtt5 = mqtt5;
    }

    /** Publishes a command request on the subscription that covers its device. */
    Future<Void> deliver(CommandRequest request, String requestId) {
        Optional<CommandSubscriptions.Subscribed> subscribed = subscriptions.find(request.deviceId(), device.deviceId());
        if (subscribed.isEmpty()) {
            return Future.failedFuture(ServerError.unavailable("device " + request.deviceId() + " is no longer subscribed", null));
        }
        Promise<Void> delivered = Promise.promise();
        MqttQoS qos = MqttQoS.valueOf(subscribed.get().qos());
        String topic = subscribed.get().subscription().requestTopic(request.deviceId(), requestId, request.name());
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

    void subscribe(MqttSubscribeMessage subscribe) {
        List<MqttSubAckReasonCode> codes = new ArrayList<>();
        for (MqttTopicSubscription filter : subscribe.topicSubscriptions()) {
            Optional<CommandTopic.Subscription> command = CommandTopic.parseSubscription(filter.topicName());
            if (command.isEmpty()) {
                LOG.info("{} subscription refused: '{}' is not a command topic", device, filter.topicName());
                codes.add(mqtt5 ? MqttSubAckReasonCode.TOPIC_FILTER_INVALID : MqttSubAckReasonCode.UNSPECIFIED_ERROR);
                continue;
            }
            int qos = subscriptions.add(command.get(), filter.qualityOfService().value());
            register(command.get());
            codes.add(MqttSubAckReasonCode.qosGranted(MqttQoS.valueOf(qos)));
        }
        endpoint.subscribeAcknowledge(subscribe.messageId(), codes, MqttProperties.NO_PROPERTIES);
    }

    void unsubscribe(MqttUnsubscribeMessage unsubscribe) {
        for (String filter : unsubscribe.topics()) {
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
