package org.anju.platform.commands;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.opentracing.noop.NoopTracerFactory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import org.eclipse.hono.application.client.DownstreamMessage;
import org.eclipse.hono.application.client.kafka.KafkaMessageContext;
import org.eclipse.hono.application.client.kafka.impl.KafkaBasedCommandSender;
import org.eclipse.hono.client.ClientErrorException;
import org.eclipse.hono.client.SendMessageTimeoutException;
import org.eclipse.hono.client.ServiceInvocationException;
import org.eclipse.hono.client.kafka.CommonKafkaClientConfigProperties;
import org.eclipse.hono.client.kafka.consumer.MessagingKafkaConsumerConfigProperties;
import org.eclipse.hono.client.kafka.producer.CachingKafkaProducerFactory;
import org.eclipse.hono.client.kafka.producer.MessagingKafkaProducerConfigProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.error.ServerError;
import org.anju.gateway.CommandRequest;
import org.anju.gateway.CommandResponse;

/**
 * Commands through Eclipse Hono's Kafka command API, with Hono's own
 * {@link KafkaBasedCommandSender}: a request goes to {@code hono.command.<tenant>} with
 * {@code correlation-id} and {@code response-required} headers, and the answer is read from
 * {@code hono.command_response.<tenant>} (a consumer of its own per tenant, from the latest
 * offset), matched by correlation id. Whichever gateway has the device connected delivers it
 * ({@code KafkaCommandConsumer} for Anju's gateway, or Hono's MQTT adapter through its command
 * router).
 */
public final class HonoCommands implements CommandChannel {

    private static final Logger LOG = LoggerFactory.getLogger(HonoCommands.class);
    private static final String JSON = "application/json";

    private final KafkaBasedCommandSender sender;

    private HonoCommands(KafkaBasedCommandSender sender) {
        this.sender = sender;
    }

    /** Starts the sender; it connects at the first command. */
    public static Future<HonoCommands> start(Vertx vertx, String bootstrapServers) {
        CommonKafkaClientConfigProperties common = new CommonKafkaClientConfigProperties();
        common.setCommonClientConfig(Map.of("bootstrap.servers", bootstrapServers, "client.id", "anju-commands"));
        MessagingKafkaConsumerConfigProperties consumer = new MessagingKafkaConsumerConfigProperties();
        consumer.setCommonClientConfig(common);
        MessagingKafkaProducerConfigProperties producer = new MessagingKafkaProducerConfigProperties();
        producer.setCommonClientConfig(common);
        LOG.info("commands go through Hono's Kafka command API [bootstrapServers: {}]", bootstrapServers);
        KafkaBasedCommandSender sender = new KafkaBasedCommandSender(vertx, consumer,
                CachingKafkaProducerFactory.<String, Buffer>sharedFactory(vertx), producer, NoopTracerFactory.create());
        return sender.start().map(v -> new HonoCommands(sender));
    }

    /**
     * Sends the command. A one-way command is done once Kafka has it (Hono's semantics: no device
     * acknowledges it on this path); a request/response command waits for the device's answer
     * within the request's timeout.
     */
    @Override
    public Future<CommandResponse> send(CommandRequest request) {
        Buffer payload = Buffer.buffer(request.payload());
        if (request.oneWay()) {
            return sender.sendOneWayCommand(request.tenantId(), request.deviceId(), request.name(), payload, JSON, null)
                    .map(v -> CommandResponse.delivered())
                    .recover(cause -> Future.failedFuture(unreachable(request, cause)));
        }
        return sender.sendCommand(request.tenantId(), request.deviceId(), request.name(), payload, JSON, (String) null,
                        request.timeout(), null)
                .map(HonoCommands::response)
                .recover(cause -> answerOrFailure(request, cause));
    }

    /** Stops the sender and its response consumers; idempotent. */
    public Future<Void> stop() {
        return sender.stop();
    }

    private static CommandResponse response(DownstreamMessage<KafkaMessageContext> message) {
        int status = message.getStatus() == null ? ServerError.INTERNAL : message.getStatus();
        return new CommandResponse(status, message.getPayload() == null ? new byte[0] : message.getPayload().getBytes());
    }

    /**
     * Hono's sender fails on a device's non-2xx answer: that is an answer like any other here (as on
     * the in-process path). A timeout is the device not answering; other failures are Kafka's.
     */
    private static Future<CommandResponse> answerOrFailure(CommandRequest request, Throwable cause) {
        if (cause instanceof SendMessageTimeoutException) {
            return Future.failedFuture(ServerError.timeout("device " + request.deviceId() + " did not answer command '"
                    + request.name() + "' within " + request.timeout() + " (or is connected to no gateway)"));
        }
        boolean deviceAnswer = cause instanceof ClientErrorException
                || (cause instanceof ServiceInvocationException e && e.getErrorCode() != ServerError.UNAVAILABLE);
        if (deviceAnswer) {
            ServiceInvocationException answer = (ServiceInvocationException) cause;
            byte[] detail = answer.getMessage() == null ? new byte[0] : answer.getMessage().getBytes(StandardCharsets.UTF_8);
            return Future.succeededFuture(new CommandResponse(answer.getErrorCode(), detail));
        }
        return Future.failedFuture(unreachable(request, cause));
    }

    private static ServerError unreachable(CommandRequest request, Throwable cause) {
        return ServerError.unavailable("command '" + request.name() + "' for device " + request.deviceId()
                + " not sent through Kafka: " + cause.getMessage(), cause);
    }
}
