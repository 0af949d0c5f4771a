package org.anju.platform.api;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import org.anju.platform.audit.AuditEntry;
import org.anju.platform.auth.Principal;
import org.anju.platform.maintenance.settings.MaintenanceSettings;
import org.anju.platform.registry.DeviceRegistry;

/**
 * A community's maintenance settings (docs/maintenance.md "Per-community settings"): the forecast
 * limits, horizon and fewest points, the corrective orders' due days and the escalation steps. The
 * community's staff read them, its property administrators change them ({@link MaintenanceAccess}).
 */
final class MaintenanceSettingsRoutes {

    private final Vertx vertx;
    private final DeviceRegistry registry;
    private final MaintenanceSettings settings;

    MaintenanceSettingsRoutes(Vertx vertx, DeviceRegistry registry, MaintenanceSettings settings) {
        this.vertx = vertx;
        this.registry = registry;
        this.settings = settings;
    }

    void mount(Router router, Handler<RoutingContext> authenticated) {
        router.get(MaintenanceAssetRoutes.COMMUNITY + "/settings").handler(authenticated).handler(this::get);
        router.put(MaintenanceAssetRoutes.COMMUNITY + "/settings").handler(authenticated).handler(this::put);
    }

    private void get(RoutingContext ctx) {
        String communityId = ctx.pathParam("communityId");
        Principal user = AuthRoutes.principal(ctx);
        Responses.json(ctx, vertx.executeBlocking(() -> {
            MaintenanceAccess.requireReader(user, registry, communityId);
            return settings.get(communityId);
        }, false));
    }

    private void put(RoutingContext ctx) {
        String communityId = ctx.pathParam("communityId");
        Principal user = AuthRoutes.principal(ctx);
        AuditEntry audit = AuthRoutes.audit(ctx, "maintenance.settings_changed", "community:" + communityId);
        Responses.json(ctx, vertx.executeBlocking(() -> {
            MaintenanceAccess.requireAdministrator(user, registry, communityId);
            JsonObject body = AlertRoutes.body(ctx);
            return settings.put(communityId, body, user.username(), audit);
        }, false));
    }
}
