package org.anju.gateway.impl;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import org.anju.error.ClientError;
import org.anju.error.ServerError;
import org.anju.gateway.CommandRequest;
import org.anju.gateway.CommandResponse;
import org.anju.gateway.ViaAuthorizer;
import org.anju.protocol.CommandTopic;

/**
 * Routes commands to the session that receives them (the device's own, or a gateway's acting for
 * it) and correlates the responses with the waiting callers by req-id.
 */
final class CommandRouter {

    private static final Pattern COMMAND_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private record Pending(Promise<CommandResponse> response, String tenantId, String deviceId, long timer,
            Function<CommandResponse, Future<Void>> forward) {
    }

    private final Vertx vertx;
    private final SessionRegistry sessions;
    private final ViaAuthorizer via;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong requestIds = new AtomicLong();

    CommandRouter(Vertx vertx, SessionRegistry sessions, ViaAuthorizer via) {
        this.vertx = vertx;
        this.sessions = sessions;
        this.via = via;
    }

    Future<CommandResponse> send(CommandRequest request, Function<CommandResponse, Future<Void>> forward) {
        if (!COMMAND_NAME.matcher(request.name()).matches()) {
            return Future.failedFuture(ClientError.badRequest("command name '" + request.name()
                    + "' must be 1-64 letters, digits, '_', '.' or '-'"));
        }
        String tenantId = request.tenantId();
        String deviceId = request.deviceId();
        // the rule of the subscription is checked again now: a gateway's via may have been revoked since
        Future<DeviceSession> receiver = sessions.commandReceiver(tenantId, deviceId)
                .map(session -> mayReceive(session, deviceId).compose(allowed -> allowed ? Future.succeededFuture(session)
                        : gatewayFor(tenantId, deviceId, sessions.gatewaysOf(tenantId), 0)))
                .orElseGet(() -> gatewayFor(tenantId, deviceId, sessions.gatewaysOf(tenantId), 0));
        return receiver.compose(session -> deliver(session, request, forward));
    }

    /** Whether the session may receive the device's commands: it is the device, or a gateway registered for it. */
    private Future<Boolean> mayReceive(DeviceSession session, String deviceId) {
        return session.identity().deviceId().equals(deviceId) ? Future.succeededFuture(true)
                : via.mayActFor(session.identity(), deviceId);
    }

    /**
     * Completes the caller waiting for this response, if it answers for the device that was asked;
     * the answer may come over another connection of that device (or of a gateway acting for it,
     * which the responder's session has checked), since devices may reconnect meanwhile.
     *
     * A response the forwarding does not take (Kafka, on that path) stays awaited until the
     * command's timeout, so that the device, told to send it again, is heard the second time; the
     * caller is answered once a forwarding succeeded.
     *
     * @return the outcome of forwarding the response; fails with {@link Refusal#RESPONSE_UNEXPECTED}
     *         when nobody waits for it (late, unknown, or not this device's to answer)
     */
    Future<Void> responded(String tenantId, String deviceId, CommandTopic.Response response, byte[] payload) {
        String requestId = response.requestId();
        Pending waiting = pending.get(requestId);
        if (waiting == null || !waiting.tenantId().equals(tenantId) || !waiting.deviceId().equals(deviceId)
                || !pending.remove(requestId, waiting)) {
            return Future.failedFuture(new PublishPipeline.RefusedMessage(Refusal.RESPONSE_UNEXPECTED,
                    "no command of device " + deviceId + " waits for response " + requestId
                            + ": unknown, expired or already answered"));
        }
        CommandResponse answer = new CommandResponse(response.status(), payload);
        return waiting.forward().apply(answer).onComplete(forwarded -> {
            if (forwarded.succeeded()) {
                vertx.cancelTimer(waiting.timer());
                waiting.response().tryComplete(answer);
            } else if (!waiting.response().future().isComplete()) {
                // not taken: the device is told to send it again (PUBACK 0x80, or its connection
                // closed under 3.1.1); the command's timer still bounds how long it may
                pending.putIfAbsent(requestId, waiting);
            }
        });
    }

    private Future<DeviceSession> gatewayFor(String tenantId, String deviceId, List<DeviceSession> gateways, int index) {
        if (index >= gateways.size()) {
            return Future.failedFuture(ServerError.unavailable("device " + deviceId
                    + " is not connected (nor a gateway acting for it) or not subscribed for commands", null));
        }
        DeviceSession gateway = gateways.get(index);
        return via.mayActFor(gateway.identity(), deviceId)
                .compose(allowed -> allowed ? Future.succeededFuture(gateway)
                        : gatewayFor(tenantId, deviceId, gateways, index + 1));
    }

    private Future<CommandResponse> deliver(DeviceSession session, CommandRequest request,
            Function<CommandResponse, Future<Void>> forward) {
        if (request.oneWay()) {
            return session.deliverCommand(request, "").map(v -> CommandResponse.delivered());
        }
        String requestId = Long.toString(requestIds.incrementAndGet(), 36);
        Promise<CommandResponse> response = Promise.promise();
        long timer = vertx.setTimer(Math.max(1, request.timeout().toMillis()), t -> {
            // also while a response is being forwarded (then not in the map): the caller has waited long enough
            pending.remove(requestId);
            response.tryFail(ServerError.timeout("device " + request.deviceId()
                    + " did not answer command '" + request.name() + "' within " + request.timeout()));
        });
        pending.put(requestId, new Pending(response, request.tenantId(), request.deviceId(), timer, forward));
        session.deliverCommand(request, requestId).onFailure(cause -> {
            if (pending.remove(requestId) != null) {
                vertx.cancelTimer(timer);
                response.tryFail(cause);
            }
        });
        return response.future();
    }
}
