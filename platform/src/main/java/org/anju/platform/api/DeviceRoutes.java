package org.anju.platform.api;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import org.anju.platform.auth.Principal;
import org.anju.platform.query.ListLimits;
import org.anju.platform.query.ListRequest;
import org.anju.platform.query.Page;
import org.anju.platform.auth.SessionStreams;
import org.anju.platform.registry.DeviceRegistry;
import org.anju.platform.registry.DeviceView;

/**
 * Communities, their devices with latest state, and the live stream of device updates (which ends
 * with the session that opened it, or when the user's rights change). Each user gets the devices
 * of their {@linkplain Principal#deviceScope scope}: the fire brigade the fire facilities of every
 * community, property staff every device of their communities. The lists come a page at a time
 * (the directory's limits); the communities' next page is in the {@code Link} header
 * ({@code rel="next"}), as their answer is a bare array.
 */
final class DeviceRoutes {

    private static final long STREAM_HEARTBEAT_MS = 15_000;

    private final Vertx vertx;
    private final DeviceRegistry registry;
    private final LiveDeviceUpdates updates;
    private final ListLimits communityLimits;
    private final ListLimits deviceLimits;
    private final Clock clock;
    private final SessionStreams streams;

    /** @param directory the limits of lists without a time range */
    DeviceRoutes(Vertx vertx, DeviceRegistry registry, LiveDeviceUpdates updates, ListLimits directory, Clock clock,
            SessionStreams streams) {
        this.vertx = vertx;
        this.registry = registry;
        this.updates = updates;
        this.communityLimits = directory.named("communities");
        this.deviceLimits = directory.named("devices");
        this.clock = clock;
        this.streams = streams;
    }

    void mount(Router router, Handler<RoutingContext> authenticated) {
        router.get("/api/v1/communities").handler(authenticated).handler(this::communities);
        router.get("/api/v1/communities/:communityId/devices").handler(authenticated).handler(this::devices);
        router.get("/api/v1/communities/:communityId/stream").handler(authenticated).handler(this::stream);
    }

    private void communities(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        vertx.executeBlocking(() -> {
            ListRequest request = communityLimits.request(AlertRoutes.params(ctx), clock.instant(), String.class,
                    String.class);
            return registry.communities(user.visibleCommunities(), request);
        }, false).onSuccess(page -> {
            if (page.nextCursor() != null) {
                ctx.response().putHeader("Link", "<" + ctx.request().path() + "?limit=" + page.items().size()
                        + "&cursor=" + page.nextCursor() + ">; rel=\"next\"");
            }
            Responses.json(ctx, 200, page.items());
        }).onFailure(ctx::fail);
    }

    private void devices(RoutingContext ctx) {
        String communityId = ctx.pathParam("communityId");
        Responses.json(ctx, vertx.executeBlocking(() -> {
            ListRequest request = deviceLimits.request(AlertRoutes.params(ctx), clock.instant(), String.class,
                    String.class, String.class);
            Principal user = AuthRoutes.principal(ctx);
            Principal.DeviceScope scope = CommunityAccess.requireVisible(user, registry, communityId);
            Page<DeviceView> page = registry.devicesOfCommunity(communityId, scope.onlyTypes(), request);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("communityId", communityId);
            body.put("devices", page.items());
            body.put("nextCursor", page.nextCursor());
            return body;
        }, false));
    }

    /** Server-sent events: {@code event: device} with one device (as in the list) per update. */
    private void stream(RoutingContext ctx) {
        String communityId = ctx.pathParam("communityId");
        Principal user = AuthRoutes.principal(ctx);
        vertx.executeBlocking(() -> CommunityAccess.requireVisible(user, registry, communityId), false)
                .onSuccess(scope -> openStream(ctx, communityId, scope)).onFailure(ctx::fail);
    }

    private void openStream(RoutingContext ctx, String communityId, Principal.DeviceScope scope) {
        HttpServerResponse response = ctx.response()
                .setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        response.write("retry: 3000\n\n");
        MessageConsumer<String> consumer = vertx.eventBus().consumer(LiveDeviceUpdates.address(communityId), message -> {
            if (scope.includes(message.headers().get(LiveDeviceUpdates.TYPE_HEADER))) {
                response.write("event: device\ndata: " + message.body() + "\n\n");
            }
        });
        updates.subscribed(communityId);
        long heartbeat = vertx.setPeriodic(STREAM_HEARTBEAT_MS, id -> response.write(": keep-alive\n\n"));
        response.closeHandler(v -> {
            vertx.cancelTimer(heartbeat);
            consumer.unregister();
            updates.unsubscribed(communityId);
        });
        streams.watch(AuthRoutes.session(ctx), response);
    }
}
