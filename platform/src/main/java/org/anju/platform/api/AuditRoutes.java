package org.anju.platform.api;

import java.time.Clock;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import org.anju.error.ClientError;
import org.anju.platform.audit.AuditLog;
import org.anju.platform.audit.AuditQuery;
import org.anju.platform.auth.Principal;
import org.anju.platform.auth.Role;
import org.anju.platform.query.ListLimits;
import org.anju.platform.query.Page;

/**
 * {@code GET /api/v1/audit}: the audit log, newest first, over a bounded time range and a page at
 * a time. Platform administrators read every entry (optionally one tenant's, {@code tenantId});
 * property administrators their own tenant's.
 */
final class AuditRoutes {

    private final Vertx vertx;
    private final AuditLog audit;
    private final ListLimits limits;
    private final Clock clock;

    /** @param limits the audit log's range and page limits ({@code limits.audit}) */
    AuditRoutes(Vertx vertx, AuditLog audit, ListLimits limits, Clock clock) {
        this.vertx = vertx;
        this.audit = audit;
        this.limits = limits.named("audit log");
        this.clock = clock;
    }

    void mount(Router router, Handler<RoutingContext> authenticated) {
        router.get("/api/v1/audit").handler(authenticated).handler(this::query);
    }

    private void query(RoutingContext ctx) {
        AuditQuery query = AuditQuery.parse(ctx.queryParams()::get, clock.instant(),
                tenantOf(AuthRoutes.principal(ctx), ctx.queryParams().get("tenantId")), limits);
        Responses.json(ctx, vertx.executeBlocking(() -> {
            Page<AuditLog.Stored> page = audit.query(query);
            return new JsonObject()
                    .put("entries", new JsonArray(page.items().stream().map(AuditRoutes::json).toList()))
                    .put("nextCursor", page.nextCursor());
        }, false));
    }

    /** Returns the tenant whose entries the user reads: any (or all, null) for platform admins, their own for property admins. */
    private static String tenantOf(Principal user, String requested) {
        if (user.has(Role.PLATFORM_ADMIN)) {
            return requested == null || requested.isBlank() ? null : requested;
        }
        if (!user.has(Role.PROPERTY_ADMIN) || user.tenantId() == null) {
            throw ClientError.forbidden(user.username() + " may not read the audit log: platform and property"
                    + " administrators do");
        }
        if (requested != null && !requested.isBlank() && !requested.equals(user.tenantId())) {
            throw ClientError.forbidden(user.username() + " may read the audit log of tenant '" + user.tenantId()
                    + "' only");
        }
        return user.tenantId();
    }

    private static JsonObject json(AuditLog.Stored stored) {
        return new JsonObject()
                .put("id", stored.id())
                .put("at", stored.at().toString())
                .put("action", stored.entry().action())
                .put("actor", stored.entry().actor())
                .put("tenantId", stored.entry().tenantId())
                .put("sourceAddress", stored.entry().sourceAddress())
                .put("target", stored.entry().target())
                .put("detail", stored.entry().detail());
    }
}
