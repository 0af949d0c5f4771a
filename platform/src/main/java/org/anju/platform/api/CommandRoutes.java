package org.anju.platform.api;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import org.anju.error.ClientError;
import org.anju.gateway.CommandResponse;
import org.anju.platform.auth.Principal;
import org.anju.platform.commands.DeviceCommands;
import org.anju.platform.registry.DeviceRegistry;

/**
 * {@code POST /api/v1/devices/{deviceId}/commands}: a command to a device, answered with the
 * device's response (or 202 once a one-way command is delivered).
 */
final class CommandRoutes {

    private static final int DEFAULT_TIMEOUT_SECONDS = 10;

    private final Vertx vertx;
    private final DeviceCommands commands;
    private final DeviceRegistry registry;

    CommandRoutes(Vertx vertx, DeviceCommands commands, DeviceRegistry registry) {
        this.vertx = vertx;
        this.commands = commands;
        this.registry = registry;
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
        vertx.executeBlocking(() -> requireCommandable(user, deviceId), false)
                .compose(v -> commands.send(deviceId, name, bytes, oneWay, Duration.ofSeconds(seconds)))
                .onSuccess(response -> answer(ctx, response))
                .onFailure(ctx::fail);
    }

    private Void requireCommandable(Principal user, String deviceId) {
        String community = registry.communityOf(deviceId).orElse(null);
        // authorization before existence: whether a device exists is not for everybody to learn
        if (community == null ? !user.mayCommandAnyDevice() : !user.mayCommandDevicesOf(community)) {
            throw ClientError.forbidden(user.username() + " may not send commands to device '" + deviceId + "'");
        }
        if (community == null) {
            throw ClientError.notFound("no device '" + deviceId + "'");
        }
        return null;
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
