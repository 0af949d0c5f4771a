package org.anju.platform.api;

import java.time.Clock;
import java.util.function.Function;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import org.anju.platform.auth.Principal;
import org.anju.platform.query.ListLimits;
import org.anju.platform.rescue.Rescues;

/**
 * Elevator rescue records: list, one, and the steps dispatch, arrival and release.
 */
final class RescueRoutes {

    private final Vertx vertx;
    private final Rescues rescues;
    private final ListLimits limits;
    private final Clock clock;

    /** @param records the limits of lists of records */
    RescueRoutes(Vertx vertx, Rescues rescues, ListLimits records, Clock clock) {
        this.vertx = vertx;
        this.rescues = rescues;
        this.limits = records.named("rescues");
        this.clock = clock;
    }

    void mount(Router router, Handler<RoutingContext> authenticated) {
        router.get("/api/v1/rescues").handler(authenticated).handler(this::list);
        router.get("/api/v1/rescues/:rescueId").handler(authenticated).handler(this::get);
        router.post("/api/v1/rescues/:rescueId/steps").handler(authenticated).handler(this::step);
    }

    private void list(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        Function<String, String> params = AlertRoutes.params(ctx);
        Responses.json(ctx, vertx.executeBlocking(() -> rescues.list(user, params.apply("community"),
                params.apply("state"), limits.request(params, clock.instant(), Long.class)), false));
    }

    private void get(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        Responses.json(ctx, vertx.executeBlocking(() -> rescues.get(user, AlertRoutes.id(ctx, "rescueId")), false));
    }

    private void step(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        Responses.json(ctx, vertx.executeBlocking(() -> rescues.step(user, AlertRoutes.id(ctx, "rescueId"),
                AlertRoutes.body(ctx)), false));
    }
}
