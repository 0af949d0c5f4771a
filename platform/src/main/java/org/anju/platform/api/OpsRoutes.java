package org.anju.platform.api;

import java.util.function.BooleanSupplier;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import org.anju.error.ClientError;
import org.anju.platform.auth.Principal;
import org.anju.platform.auth.Role;

/**
 * Health probes, Prometheus metrics and the OpenAPI document.
 * <p>
 * The probes and the API description are public (orchestrators and integrators need them before
 * they have a login); metrics say how busy each tenant is, so they need an administrator's session.
 */
final class OpsRoutes {

    private final Vertx vertx;
    private final PrometheusMeterRegistry meters;
    private final BooleanSupplier databaseReachable;

    OpsRoutes(Vertx vertx, PrometheusMeterRegistry meters, BooleanSupplier databaseReachable) {
        this.vertx = vertx;
        this.meters = meters;
        this.databaseReachable = databaseReachable;
    }

    void mount(Router router, Handler<RoutingContext> authenticated) {
        router.get("/health/live").handler(this::live);
        router.get("/health/ready").handler(this::ready);
        router.get("/metrics").handler(authenticated).handler(this::metrics);
        router.get("/api/openapi.yaml").handler(this::openApi);
    }

    private void live(RoutingContext ctx) {
        Responses.json(ctx, 200, new JsonObject().put("status", "UP"));
    }

    private void ready(RoutingContext ctx) {
        vertx.executeBlocking(databaseReachable::getAsBoolean, false).onComplete(result -> {
            boolean up = result.succeeded() && result.result();
            Responses.json(ctx, up ? 200 : 503, new JsonObject()
                    .put("status", up ? "UP" : "DOWN")
                    .put("checks", new JsonObject().put("database", up ? "UP" : "DOWN")));
        });
    }

    private void metrics(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        if (!user.has(Role.PLATFORM_ADMIN) && !user.has(Role.PROPERTY_ADMIN)) {
            ctx.fail(ClientError.forbidden("metrics are for administrators"));
            return;
        }
        ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .end(meters.scrape());
    }

    private void openApi(RoutingContext ctx) {
        vertx.fileSystem().readFile("openapi.yaml")
                .onSuccess(yaml -> ctx.response().putHeader("Content-Type", "application/yaml").end(yaml))
                .onFailure(ctx::fail);
    }
}
