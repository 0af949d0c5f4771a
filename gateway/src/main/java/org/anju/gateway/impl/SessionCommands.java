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
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.MqttSubscribeMessage;
import io.vertx.mqtt.messages.MqttUnsubscribeMessage;
import io.vertx.mqtt.messages.codes.MqttSubAckReasonCode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.error.ClientError;
import org.anju.error.ServerError;
import org.anju.gateway.CommandRequest;
import org.anju.gateway.DeviceIdentity;
import org.anju.log.LogSafe;
import org.anju.protocol.CommandTopic;
import org.anju.protocol.ErrorTopic;
import org.anju.protocol.OnError;

/**
 * The command side of one connection: its subscriptions to command topics (registered with the
 * gateway's {@link SessionRegistry} so that commands find it), the commands delivered on them and
 * the device's responses.
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
    private final OrderedAcks acks;
    private final FailedMessages failures;
    private final CommandSubscriptions subscriptions = new CommandSubscriptions();
    private final Map<Integer, Promise<Void>> unacknowledged = new HashMap<>();

    SessionCommands(GatewayContext gateway, DeviceSession session, MqttEndpoint endpoint, DeviceIdentity device,
            GatewayMetrics.TenantMeters meters, boolean mqtt5, ErrorReports errors, OrderedAcks acks,
            FailedMessages failures) {
        this.gateway = gateway;
        this.session = session;
        this.endpoint = endpoint;
        this.device = device;
        this.meters = meters;
        this.mqtt5 = mqtt5;
        this.errors = errors;
        this.acks = acks;
        this.failures = failures;
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

    /**
     * A device's answer to a command: its PUBACK waits until the answer is taken (by the waiting
     * caller, and by Kafka on that path). An answer not taken is reported on the error topic
     * ({@code command-response} endpoint, as Hono's adapter does); an answer nobody waits for is
     * acknowledged and dropped unless the device subscribed to its errors.
     */
    void responded(MqttPublishMessage message) {
        int packetId = message.qosLevel() == MqttQoS.AT_LEAST_ONCE ? message.messageId() : -1;
        CommandTopic.Response response;
        try {
            response = CommandTopic.parseResponse(message.topicName());
        } catch (ClientError e) {
            meters.rejected(Refusal.TOPIC_INVALID);
            failures.refused(new FailedMessages.Failed(device.deviceId(), message.topicName(), message.qosLevel(),
                    packetId, OnError.DEFAULT), new Rejection(Refusal.TOPIC_INVALID, e.getMessage()));
            return;
        }
        String answeredFor = response.deviceId().orElse(device.deviceId());
        boolean ownTenant = response.tenantId().map(device.tenantId()::equals).orElse(true);
        Future<Boolean> mayAnswer = !ownTenant ? Future.succeededFuture(false)
                : answeredFor.equals(device.deviceId()) ? Future.succeededFuture(true)
                : gateway.registry().mayActFor(device, answeredFor);
        Future<Void> taken = mayAnswer.compose(allowed -> allowed
                ? gateway.commands().responded(device.tenantId(), answeredFor, response, message.payload().getBytes())
                : Future.failedFuture(new PublishPipeline.RefusedMessage(Refusal.NOT_AUTHORIZED, device
                        + " may not answer for device " + answeredFor + " of tenant " + response.tenantId()
                        .orElse(device.tenantId()))));
        OrderedAcks.Pending ack = packetId < 0 ? null : acks.add(packetId, System.nanoTime());
        FailedMessages.Failed origin = new FailedMessages.Failed(answeredFor, message.topicName(), message.qosLevel(),
                packetId, OnError.DEFAULT);
        session.onContext(taken).onComplete(result -> {
            if (!session.connected()) {
                return;
            }
            boolean unexpected = result.failed() && result.cause() instanceof PublishPipeline.RefusedMessage refused
                    && refused.refusal == Refusal.RESPONSE_UNEXPECTED;
            if (result.succeeded() || unexpected && !errors.covers(answeredFor)) {
                // a late or unknown answer without an error subscription: accepted and dropped, as before
                if (ack != null) {
                    acks.complete(ack, Future.succeededFuture());
                }
                return;
            }
            meters.rejected(FailedMessages.rejectionOf(result.cause()).refusal());
            failures.notTaken(origin, ack, result.cause());
        });
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
        gateway.sessions().commandSubscribed(device.tenantId());
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
