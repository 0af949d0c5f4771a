package org.anju.platform.api;

import java.time.Clock;
import java.util.function.Consumer;
import java.util.function.Function;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import org.anju.platform.auth.Principal;
import org.anju.platform.registry.DeviceRegistry;
import org.anju.platform.storage.history.DeviceHistory;
import org.anju.platform.storage.history.EventLog;
import org.anju.platform.storage.history.EventQuery;
import org.anju.platform.storage.history.HistoryQuery;

/**
 * Device histories for charts, and stored events of a device or a community, a page at a time.
 */
final class HistoryRoutes {

    private final Vertx vertx;
    private final DeviceRegistry registry;
    private final DeviceHistory history;
    private final EventLog events;
    private final Clock clock;

    HistoryRoutes(Vertx vertx, DeviceRegistry registry, DeviceHistory history, EventLog events, Clock clock) {
        this.vertx = vertx;
        this.registry = registry;
        this.history = history;
        this.events = events;
        this.clock = clock;
    }

    void mount(Router router, Handler<RoutingContext> authenticated) {
        router.get("/api/v1/devices/:deviceId/history").handler(authenticated).handler(this::history);
        router.get("/api/v1/devices/:deviceId/events").handler(authenticated).handler(this::deviceEvents);
        router.get("/api/v1/communities/:communityId/events").handler(authenticated).handler(this::communityEvents);
    }

    private void history(RoutingContext ctx) {
        String deviceId = ctx.pathParam("deviceId");
        Principal user = AuthRoutes.principal(ctx);
        Responses.json(ctx, vertx.executeBlocking(() -> {
            HistoryQuery query = HistoryQuery.parse(deviceId, params(ctx), clock, history.limits());
            CommunityAccess.requireDeviceVisible(user, deviceId, history.communityOf(deviceId));
            return history.history(query);
        }, false));
    }

    private void deviceEvents(RoutingContext ctx) {
        String deviceId = ctx.pathParam("deviceId");
        events(ctx, EventQuery.Scope.DEVICE, deviceId,
                user -> CommunityAccess.requireDeviceVisible(user, deviceId, history.communityOf(deviceId)));
    }

    private void communityEvents(RoutingContext ctx) {
        String communityId = ctx.pathParam("communityId");
        events(ctx, EventQuery.Scope.COMMUNITY, communityId,
                user -> CommunityAccess.requireVisible(user, registry, communityId));
    }

    /** Answers a page of events once the user passed {@code authorize} (which throws when not). */
    private void events(RoutingContext ctx, EventQuery.Scope scope, String scopeId, Consumer<Principal> authorize) {
        Principal user = AuthRoutes.principal(ctx);
        Responses.json(ctx, vertx.executeBlocking(() -> {
            EventQuery query = EventQuery.parse(scope, scopeId, params(ctx), events.limits(), clock.instant());
            authorize.accept(user);
            return events.page(query);
        }, false));
    }

    private static Function<String, String> params(RoutingContext ctx) {
        return name -> ctx.queryParams().get(name);
    }
}
