package org.anju.platform.api;

import java.util.function.Function;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import org.anju.platform.alerts.IdCursor;
import org.anju.platform.alerts.rescue.Rescues;
import org.anju.platform.auth.Principal;

/**
 * Elevator rescue records: list, one, and the steps dispatch, arrival and release.
 */
final class RescueRoutes {

    private final Vertx vertx;
    private final Rescues rescues;

    RescueRoutes(Vertx vertx, Rescues rescues) {
        this.vertx = vertx;
        this.rescues = rescues;
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
                params.apply("state"), AlertRoutes.limit(params), IdCursor.parse(params.apply("cursor"))), false));
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
