package org.anju.platform.api;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import org.anju.error.ClientError;
import org.anju.platform.auth.Principal;
import org.anju.platform.fire.FireWorkflow;
import org.anju.platform.fire.TransitionRequest;
import org.anju.platform.query.ListLimits;

/**
 * The fire-alarm verification workflow: cases (list, one with its audit trail), transitions, and
 * false alarms per facility and day.
 */
final class FireRoutes {

    private final Vertx vertx;
    private final FireWorkflow fire;
    private final ListLimits limits;
    private final Clock clock;

    /** @param records the limits of lists of records */
    FireRoutes(Vertx vertx, FireWorkflow fire, ListLimits records, Clock clock) {
        this.vertx = vertx;
        this.fire = fire;
        this.limits = records.named("fire cases");
        this.clock = clock;
    }

    void mount(Router router, Handler<RoutingContext> authenticated) {
        router.get("/api/v1/fire-cases").handler(authenticated).handler(this::list);
        router.get("/api/v1/fire-cases/:caseId").handler(authenticated).handler(this::get);
        router.post("/api/v1/fire-cases/:caseId/transitions").handler(authenticated).handler(this::transition);
        router.get("/api/v1/fire-false-alarms").handler(authenticated).handler(this::falseAlarms);
    }

    private void list(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        Function<String, String> params = AlertRoutes.params(ctx);
        Responses.json(ctx, vertx.executeBlocking(() -> fire.list(user, params.apply("community"), params.apply("state"),
                "true".equals(params.apply("escalated")), limits.request(params, clock.instant(), Long.class)), false));
    }

    private void get(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        Responses.json(ctx, vertx.executeBlocking(() -> fire.get(user, AlertRoutes.id(ctx, "caseId")), false));
    }

    private void transition(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        long caseId = AlertRoutes.id(ctx, "caseId");
        Responses.json(ctx, vertx.executeBlocking(() -> fire.transition(user, caseId,
                TransitionRequest.parse(AlertRoutes.body(ctx)),
                AuthRoutes.audit(ctx, "fire_case.transition", "fire-case:" + caseId)), false));
    }

    private void falseAlarms(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        String day = ctx.queryParams().get("day");
        Responses.json(ctx, vertx.executeBlocking(() -> fire.falseAlarms(user, day(day)), false));
    }

    private static LocalDate day(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw ClientError.badRequest("parameter 'day' is required: a date such as 2026-11-29");
        }
        try {
            return LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            throw ClientError.badRequest("parameter 'day' must be a date such as 2026-11-29");
        }
    }
}
