package org.anju.platform.api;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.error.AnjuException;
import org.anju.error.ClientError;
import org.anju.error.ServerError;
import org.anju.gateway.CommandResponse;
import org.anju.platform.audit.AuditEntry;
import org.anju.platform.audit.AuditLog;
import org.anju.platform.auth.Principal;
import org.anju.platform.commands.DeviceCommands;
import org.anju.platform.registry.DeviceRegistry;

/**
 * {@code POST /api/v1/devices/{deviceId}/commands}: a command to a device, answered with the
 * device's response (or 202 once a one-way command is delivered). Every command sent is written to the
 * audit log with its outcome.
 */
final class CommandRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(CommandRoutes.class);
    private static final int DEFAULT_TIMEOUT_SECONDS = 10;

    private final Vertx vertx;
    private final DeviceCommands commands;
    private final DeviceRegistry registry;
    private final AuditLog audit;

    CommandRoutes(Vertx vertx, DeviceCommands commands, DeviceRegistry registry, AuditLog audit) {
        this.vertx = vertx;
        this.commands = commands;
        this.registry = registry;
        this.audit = audit;
    }

    void mount(Router router, Handler<RoutingContext> authenticated) {
        router.post("/api/v1/devices/:deviceId/commands").handler(authenticated).handler(this::send);
    }

    private void send(RoutingContext ctx) {
        String deviceId = ctx.pathParam("deviceId");
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            ctx.fail(ClientError.badRequest("body must be a JSON object: {\"name\": ..., \"payload\": ..., "
                    + "\"oneWay\": false, \"timeoutSeconds\": 10}"));
            return;
        }
        if (body == null || !(body.getValue("name") instanceof String name)) {
            ctx.fail(ClientError.badRequest("'name' (the command) is required"));
            return;
        }
        boolean oneWay = Boolean.TRUE.equals(body.getValue("oneWay"));
        Object timeout = body.getValue("timeoutSeconds", DEFAULT_TIMEOUT_SECONDS);
        if (!(timeout instanceof Integer seconds)) {
            ctx.fail(ClientError.badRequest("'timeoutSeconds' must be a whole number"));
            return;
        }
        Object payload = body.getValue("payload");
        byte[] bytes = payload == null ? new byte[0] : Json.encode(payload).getBytes(UTF_8);
        Principal user = AuthRoutes.principal(ctx);
        AuditEntry sent = AuthRoutes.audit(ctx, "device.command", "device:" + deviceId).with("command", name)
                .with("oneWay", oneWay);
        vertx.executeBlocking(() -> requireCommandable(user, deviceId), false)
                .compose(tenantId -> commands.send(deviceId, name, bytes, oneWay, Duration.ofSeconds(seconds))
                        .transform(outcome -> audited(sent.forTenant(tenantId), outcome)))
                .onSuccess(response -> answer(ctx, response))
                .onFailure(ctx::fail);
    }

    /**
     * Writes the command and what came of it to the audit log (a command is no transaction of
     * ours: the entry follows it), then passes the outcome on; a failed write is logged, not answered.
     */
    private Future<CommandResponse> audited(AuditEntry sent, AsyncResult<CommandResponse> outcome) {
        AuditEntry entry = outcome.succeeded() ? sent.with("status", outcome.result().status())
                : sent.with("failed", outcome.cause() instanceof AnjuException e ? e.code() : ServerError.INTERNAL);
        return vertx.executeBlocking(() -> {
            audit.record(entry);
            return null;
        }, false).transform(written -> {
            if (written.failed()) {
                LOG.warn("command to {} not written to the audit log: {}", entry.target(), written.cause().getMessage());
            }
            return outcome.succeeded() ? Future.succeededFuture(outcome.result()) : Future.failedFuture(outcome.cause());
        });
    }

    /** Returns the device's tenant once the user may command it. */
    private String requireCommandable(Principal user, String deviceId) {
        String community = registry.communityOf(deviceId).orElse(null);
        // authorization before existence: whether a device exists is not for everybody to learn
        if (community == null ? !user.mayCommandAnyDevice() : !user.mayCommandDevicesOf(community)) {
            throw ClientError.forbidden(user.username() + " may not send commands to device '" + deviceId + "'");
        }
        if (community == null) {
            throw ClientError.notFound("no device '" + deviceId + "'");
        }
        return registry.tenantOf(deviceId).orElse(null);
    }

    private static void answer(RoutingContext ctx, CommandResponse response) {
        JsonObject body = new JsonObject().put("status", response.status());
        if (response.payload().length > 0) {
            String text = new String(response.payload(), UTF_8);
            try {
                body.put("payload", Json.decodeValue(text));
            } catch (DecodeException notJson) {
                body.put("payload", text);
            }
        }
        Responses.json(ctx, response.status() == 202 ? 202 : 200, body);
    }
}
