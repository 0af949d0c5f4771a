package org.anju.platform.api;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import org.anju.platform.auth.Principal;
import org.anju.platform.maintenance.work.WorkAction;
import org.anju.platform.maintenance.work.WorkServices;

/**
 * Work orders (issue 13 items 4, 5, 7): a community's orders, one order, each action as a POST,
 * maintainer companies and their staff. Who may do what is decided by the work package.
 */
final class WorkOrderRoutes {

    private static final String ORDER = "/api/v1/work-orders/:orderId";

    private final Vertx vertx;
    private final WorkServices work;

    WorkOrderRoutes(Vertx vertx, WorkServices work) {
        this.vertx = vertx;
        this.work = work;
    }

    void mount(Router router, Handler<RoutingContext> authenticated) {
        router.get("/api/v1/communities/:communityId/work-orders").handler(authenticated).handler(ctx -> answer(ctx, 200,
                user -> work.orders().list(user, ctx.pathParam("communityId"), AlertRoutes.params(ctx))));
        router.get("/api/v1/communities/:communityId/maintenance/performance").handler(authenticated).handler(ctx ->
                answer(ctx, 200, user -> work.performance().report(user, ctx.pathParam("communityId"),
                        AlertRoutes.params(ctx))));
        router.get(ORDER).handler(authenticated).handler(ctx -> answer(ctx, 200,
                user -> work.orders().get(user, AlertRoutes.id(ctx, "orderId"))));
        for (WorkAction action : WorkAction.values()) {
            router.post(ORDER + "/" + action.wireName()).handler(authenticated).handler(ctx -> answer(ctx, 200, user -> {
                long id = AlertRoutes.id(ctx, "orderId");
                return work.actions().act(user, id, action, AlertRoutes.body(ctx),
                        AuthRoutes.audit(ctx, "work_order." + action.wireName(), "work-order:" + id));
            }));
        }
        String companies = "/api/v1/tenants/:tenantId/maintainer-companies";
        router.get(companies).handler(authenticated).handler(ctx -> answer(ctx, 200,
                user -> java.util.Map.of("items", work.companies().list(user, ctx.pathParam("tenantId")))));
        router.post(companies).handler(authenticated).handler(ctx -> answer(ctx, 201,
                user -> work.companies().create(user, ctx.pathParam("tenantId"), AlertRoutes.body(ctx),
                        AuthRoutes.audit(ctx, "maintainer_company.create", "tenant:" + ctx.pathParam("tenantId")))));
        router.put("/api/v1/maintainer-companies/:companyId/staff/:username").handler(authenticated).handler(ctx ->
                answer(ctx, 200, user -> work.companies().putStaff(user, AlertRoutes.id(ctx, "companyId"),
                        ctx.pathParam("username"), AuthRoutes.audit(ctx, "maintainer_company.staff",
                                "user:" + ctx.pathParam("username")))));
    }

    /** Answers with what {@code action} returns on a worker, with {@code status}. */
    private void answer(RoutingContext ctx, int status, Action action) {
        Principal user = AuthRoutes.principal(ctx);
        vertx.executeBlocking(() -> action.apply(user), false)
                .onSuccess(result -> Responses.json(ctx, status, result)).onFailure(ctx::fail);
    }

    /** What a route does, on a worker. */
    @FunctionalInterface
    private interface Action {
        Object apply(Principal user);
    }
}
