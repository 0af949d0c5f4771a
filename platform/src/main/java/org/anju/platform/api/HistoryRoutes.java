package org.anju.platform.api;

import java.time.Clock;
import java.util.List;
import java.util.function.Function;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import org.anju.platform.auth.Principal;
import org.anju.platform.history.DeviceHistory;
import org.anju.platform.history.EventLog;
import org.anju.platform.history.EventPage;
import org.anju.platform.history.EventQuery;
import org.anju.platform.history.EventRecord;
import org.anju.platform.history.HistoryQuery;
import org.anju.platform.privacy.EventRedaction;
import org.anju.platform.registry.DevicePlace;
import org.anju.platform.registry.DeviceRegistry;
import org.anju.protocol.catalogue.DeviceCatalogue;

/**
 * Device histories for charts, and stored events of a device or a community, a page at a time.
 * Each user reads the devices of their {@linkplain Principal#deviceScope scope} (the fire brigade:
 * fire facilities), and events with what they may not see of a person redacted
 * ({@link EventRedaction}).
 */
final class HistoryRoutes {

    private static final EventRedaction REDACTION = new EventRedaction(DeviceCatalogue.standard().sensitiveFields());

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
            CommunityAccess.requireDeviceVisible(user, deviceId, registry.placeOf(deviceId));
            return history.history(query);
        }, false));
    }

    private void deviceEvents(RoutingContext ctx) {
        String deviceId = ctx.pathParam("deviceId");
        events(ctx, EventQuery.Scope.DEVICE, deviceId, user -> {
            DevicePlace place = CommunityAccess.requireDeviceVisible(user, deviceId, registry.placeOf(deviceId));
            return new Readable(place.communityId(), null);
        });
    }

    private void communityEvents(RoutingContext ctx) {
        String communityId = ctx.pathParam("communityId");
        events(ctx, EventQuery.Scope.COMMUNITY, communityId, user ->
                new Readable(communityId, CommunityAccess.requireVisible(user, registry, communityId).onlyTypes()));
    }

    /**
     * What of a community's events a user may read.
     *
     * @param onlyTypes the device types whose events they see, null for every type
     */
    private record Readable(String communityId, List<String> onlyTypes) {
    }

    /** Answers a page of events once {@code authorize} said what the user reads (it throws when nothing). */
    private void events(RoutingContext ctx, EventQuery.Scope scope, String scopeId,
            Function<Principal, Readable> authorize) {
        Principal user = AuthRoutes.principal(ctx);
        Responses.json(ctx, vertx.executeBlocking(() -> {
            EventQuery query = EventQuery.parse(scope, scopeId, params(ctx), events.limits(), clock.instant());
            Readable readable = authorize.apply(user);
            EventPage page = events.page(query, readable.onlyTypes());
            boolean personal = user.maySeePersonalDataOf(readable.communityId());
            return new EventPage(page.events().stream().map(e -> new EventRecord(e.id(), e.ts(), e.deviceId(), e.kind(),
                    REDACTION.redact(e.payload(), personal))).toList(), page.nextCursor());
        }, false));
    }

    private static Function<String, String> params(RoutingContext ctx) {
        return name -> ctx.queryParams().get(name);
    }
}
