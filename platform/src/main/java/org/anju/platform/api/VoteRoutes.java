package org.anju.platform.api;

import java.util.List;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import org.anju.platform.auth.Principal;
import org.anju.platform.votes.Motions;

/**
 * Owners' votes: a community's motions (draft, list), one motion (read, open), ballots (cast, read
 * one household's). Who may do what is decided by {@link Motions}.
 */
final class VoteRoutes {

    private final Vertx vertx;
    private final Motions motions;

    VoteRoutes(Vertx vertx, Motions motions) {
        this.vertx = vertx;
        this.motions = motions;
    }

    void mount(Router router, Handler<RoutingContext> authenticated) {
        router.post("/api/v1/communities/:communityId/motions").handler(authenticated).handler(this::create);
        router.get("/api/v1/communities/:communityId/motions").handler(authenticated).handler(this::list);
        router.get("/api/v1/motions/:motionId").handler(authenticated).handler(this::get);
        router.post("/api/v1/motions/:motionId/open").handler(authenticated).handler(this::open);
        router.post("/api/v1/motions/:motionId/ballots").handler(authenticated).handler(this::cast);
        router.get("/api/v1/motions/:motionId/ballots/:householdId").handler(authenticated).handler(this::ballot);
    }

    private void create(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        String communityId = ctx.pathParam("communityId");
        vertx.executeBlocking(() -> motions.create(user, communityId, AlertRoutes.body(ctx),
                AuthRoutes.audit(ctx, "motion.created", "community:" + communityId)), false)
                .onSuccess(motion -> Responses.json(ctx, 201, motion)).onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        Responses.json(ctx, vertx.executeBlocking(() -> new Items<>(motions.list(user, ctx.pathParam("communityId"))),
                false));
    }

    private void get(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        Responses.json(ctx, vertx.executeBlocking(() -> motions.get(user, AlertRoutes.id(ctx, "motionId")), false));
    }

    private void open(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        long id = AlertRoutes.id(ctx, "motionId");
        Responses.json(ctx, vertx.executeBlocking(() -> motions.open(user, id,
                AuthRoutes.audit(ctx, "motion.opened", "motion:" + id)), false));
    }

    private void cast(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        long id = AlertRoutes.id(ctx, "motionId");
        vertx.executeBlocking(() -> motions.cast(user, id, AlertRoutes.body(ctx)), false)
                .onSuccess(ballot -> Responses.json(ctx, 201, ballot)).onFailure(ctx::fail);
    }

    private void ballot(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        Responses.json(ctx, vertx.executeBlocking(() -> motions.ballot(user, AlertRoutes.id(ctx, "motionId"),
                AlertRoutes.id(ctx, "householdId")), false));
    }

    /** A list answer: {@code {"items": [...]}}. */
    record Items<T>(List<T> items) {
    }
}
