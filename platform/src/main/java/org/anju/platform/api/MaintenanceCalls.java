package org.anju.platform.api;

import java.util.function.Function;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

import org.anju.platform.audit.AuditEntry;
import org.anju.platform.auth.Principal;
import org.anju.platform.registry.DeviceRegistry;

/**
 * What every route of a community's maintenance ({@code /api/v1/communities/{communityId}/maintenance/…})
 * does before its own work: takes the caller and the community from the request, checks access
 * ({@link MaintenanceAccess}: 403, then 404 for a missing community) on a worker, and only then
 * computes the answer there.
 */
final class MaintenanceCalls {

    /**
     * A change asked of a community's maintenance.
     *
     * @param audit the call's audit entry (no target yet: the change names what it changed)
     * @param body  the request body as text, null when there is none
     */
    record Change(String communityId, Principal user, AuditEntry audit, String body) {
    }

    /** Computes a change's answer on a worker; it may throw {@code ClientError} for bad input. */
    @FunctionalInterface
    interface Changer<T> {
        T apply(Change change) throws Exception;
    }

    private final Vertx vertx;
    private final DeviceRegistry registry;

    MaintenanceCalls(Vertx vertx, DeviceRegistry registry) {
        this.vertx = vertx;
        this.registry = registry;
    }

    /** Returns the registry the access checks ask (device routes check a device's community). */
    DeviceRegistry registry() {
        return registry;
    }

    /** Returns the Vert.x instance whose workers compute the answers. */
    Vertx vertx() {
        return vertx;
    }

    /** Answers 200 with what {@code answer} gives for the community, to those who may read its maintenance. */
    void read(RoutingContext ctx, Function<String, Object> answer) {
        String communityId = ctx.pathParam("communityId");
        Principal user = AuthRoutes.principal(ctx);
        Responses.json(ctx, vertx.executeBlocking(() -> {
            MaintenanceAccess.requireReader(user, registry, communityId);
            return answer.apply(communityId);
        }, false));
    }

    /**
     * Computes a change of the community's maintenance for those who may change it; the caller answers
     * with the future (200 by {@link Responses#json(RoutingContext, Future)}, or its own status).
     *
     * @param action the audit action ({@code maintenance.plan_created})
     */
    <T> Future<T> change(RoutingContext ctx, String action, Changer<T> changer) {
        Change change = new Change(ctx.pathParam("communityId"), AuthRoutes.principal(ctx),
                AuthRoutes.audit(ctx, action, null), ctx.body() == null ? null : ctx.body().asString());
        return vertx.executeBlocking(() -> {
            MaintenanceAccess.requireAdministrator(change.user(), registry, change.communityId());
            return changer.apply(change);
        }, false);
    }
}
