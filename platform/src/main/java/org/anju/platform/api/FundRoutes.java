package org.anju.platform.api;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import org.anju.platform.auth.Principal;
import org.anju.platform.fund.MaintenanceFund;

/**
 * The maintenance fund: a community's settings, first deposits, deposits, expenses and statement,
 * and a household's account. Who may do what is decided by {@link MaintenanceFund}.
 */
final class FundRoutes {

    private static final String COMMUNITY = "/api/v1/communities/:communityId/fund";

    private final Vertx vertx;
    private final MaintenanceFund fund;

    FundRoutes(Vertx vertx, MaintenanceFund fund) {
        this.vertx = vertx;
        this.fund = fund;
    }

    void mount(Router router, Handler<RoutingContext> authenticated) {
        router.get(COMMUNITY).handler(authenticated).handler(this::statement);
        router.put(COMMUNITY + "/settings").handler(authenticated).handler(ctx -> change(ctx, 200,
                (user, community) -> fund.putSettings(user, community, AlertRoutes.body(ctx),
                        AuthRoutes.audit(ctx, "fund.settings_changed", "community:" + community))));
        router.post(COMMUNITY + "/first-deposits").handler(authenticated).handler(ctx -> change(ctx, 200,
                (user, community) -> fund.collectFirstDeposits(user, community,
                        AuthRoutes.audit(ctx, "fund.first_deposits", "community:" + community))));
        router.post(COMMUNITY + "/deposits").handler(authenticated).handler(ctx -> change(ctx, 200,
                (user, community) -> fund.deposit(user, community, AlertRoutes.body(ctx),
                        AuthRoutes.audit(ctx, "fund.deposit", "community:" + community))));
        router.post(COMMUNITY + "/expenses").handler(authenticated).handler(ctx -> change(ctx, 201,
                (user, community) -> fund.recordExpense(user, community, AlertRoutes.body(ctx),
                        AuthRoutes.audit(ctx, "fund.expense", "community:" + community))));
        router.get("/api/v1/households/:householdId/fund").handler(authenticated).handler(this::household);
    }

    /** A change of a community's fund, answered with {@code status}. */
    private void change(RoutingContext ctx, int status, Action action) {
        Principal user = AuthRoutes.principal(ctx);
        String community = ctx.pathParam("communityId");
        vertx.executeBlocking(() -> action.apply(user, community), false)
                .onSuccess(result -> Responses.json(ctx, status, result)).onFailure(ctx::fail);
    }

    private void statement(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        Responses.json(ctx, vertx.executeBlocking(() -> fund.statement(user, ctx.pathParam("communityId")), false));
    }

    private void household(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        Responses.json(ctx, vertx.executeBlocking(() -> fund.household(user, AlertRoutes.id(ctx, "householdId")),
                false));
    }

    /** What a change does, on a worker. */
    @FunctionalInterface
    private interface Action {
        Object apply(Principal user, String communityId);
    }
}
