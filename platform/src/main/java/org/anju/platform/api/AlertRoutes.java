package org.anju.platform.api;

import java.time.Clock;
import java.util.function.Function;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import org.anju.error.ClientError;
import org.anju.platform.alerts.AlertQuery;
import org.anju.platform.alerts.Alerts;
import org.anju.platform.auth.Principal;
import org.anju.platform.query.ListLimits;

/**
 * Alert records (list with filters and cursor paging, one, acknowledge, resolve), storm
 * incidents, and a community's alert thresholds. What a user sees and may do is decided by {@link org.anju.platform.alerts.Scope}.
 */
final class AlertRoutes {

    private final Vertx vertx;
    private final Alerts alerts;
    private final ListLimits alertLimits;
    private final ListLimits incidentLimits;
    private final Clock clock;

    /** @param records the limits of lists of records (alerts, incidents) */
    AlertRoutes(Vertx vertx, Alerts alerts, ListLimits records, Clock clock) {
        this.vertx = vertx;
        this.alerts = alerts;
        this.alertLimits = records.named("alerts");
        this.incidentLimits = records.named("incidents");
        this.clock = clock;
    }

    void mount(Router router, Handler<RoutingContext> authenticated) {
        router.get("/api/v1/alerts").handler(authenticated).handler(this::list);
        router.get("/api/v1/alerts/:alertId").handler(authenticated).handler(this::get);
        router.post("/api/v1/alerts/:alertId/acknowledge").handler(authenticated).handler(this::acknowledge);
        router.post("/api/v1/alerts/:alertId/resolve").handler(authenticated).handler(this::resolve);
        router.get("/api/v1/incidents").handler(authenticated).handler(this::incidents);
        router.get("/api/v1/incidents/:incidentId").handler(authenticated).handler(this::incident);
        router.get("/api/v1/communities/:communityId/alert-settings").handler(authenticated).handler(this::settings);
        router.put("/api/v1/communities/:communityId/alert-settings").handler(authenticated).handler(this::updateSettings);
    }

    private void settings(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        Responses.json(ctx, vertx.executeBlocking(() -> alerts.settings(user, ctx.pathParam("communityId")), false));
    }

    private void updateSettings(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        String communityId = ctx.pathParam("communityId");
        Responses.json(ctx, vertx.executeBlocking(() -> alerts.updateSettings(user, communityId, body(ctx),
                AuthRoutes.audit(ctx, "alert_settings.updated", "community:" + communityId)), false));
    }

    private void list(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        Responses.json(ctx, vertx.executeBlocking(() -> alerts.list(user, AlertQuery.parse(params(ctx), alertLimits,
                clock.instant())), false));
    }

    private void get(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        Responses.json(ctx, vertx.executeBlocking(() -> alerts.get(user, id(ctx, "alertId")), false));
    }

    private void acknowledge(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        Responses.json(ctx, vertx.executeBlocking(() -> alerts.acknowledge(user, id(ctx, "alertId"), note(ctx)), false));
    }

    private void resolve(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        Responses.json(ctx, vertx.executeBlocking(() -> alerts.resolve(user, id(ctx, "alertId"), note(ctx)), false));
    }

    private void incidents(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        Function<String, String> params = params(ctx);
        Responses.json(ctx, vertx.executeBlocking(() -> alerts.incidents(user, params.apply("community"),
                params.apply("status"), incidentLimits.request(params, clock.instant(), Long.class)), false));
    }

    private void incident(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        Responses.json(ctx, vertx.executeBlocking(() -> alerts.incident(user, id(ctx, "incidentId")), false));
    }

    static Function<String, String> params(RoutingContext ctx) {
        return name -> ctx.queryParams().get(name);
    }

    /** Reads a record id from the path. */
    static long id(RoutingContext ctx, String name) {
        try {
            return Long.parseLong(ctx.pathParam(name));
        } catch (NumberFormatException e) {
            throw ClientError.badRequest("path parameter '" + name + "' must be a record id (a whole number)");
        }
    }

    /** Reads the JSON object body; an empty body is an empty object. */
    static JsonObject body(RoutingContext ctx) {
        if (ctx.body() == null || ctx.body().length() == 0) {
            return new JsonObject();
        }
        try {
            JsonObject body = ctx.body().asJsonObject();
            return body == null ? new JsonObject() : body;
        } catch (DecodeException | ClassCastException e) {
            throw ClientError.badRequest("body must be a JSON object");
        }
    }

    private static String note(RoutingContext ctx) {
        Object note = body(ctx).getValue("note");
        if (note != null && !(note instanceof String)) {
            throw ClientError.badRequest("field 'note' must be text");
        }
        return (String) note;
    }
}
