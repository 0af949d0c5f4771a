package org.anju.platform.api;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import org.anju.platform.auth.Principal;
import org.anju.platform.maintenance.forecast.ForecastList;
import org.anju.platform.registry.DeviceRegistry;

/**
 * A community's maintenance forecasts from the last daily pass (issue 13 item 7), read by the
 * community's staff like its plans and counters ({@link MaintenanceAccess}).
 */
final class MaintenanceForecastRoutes {

    private final Vertx vertx;
    private final DeviceRegistry registry;
    private final ForecastList forecasts;

    MaintenanceForecastRoutes(Vertx vertx, DeviceRegistry registry, ForecastList forecasts) {
        this.vertx = vertx;
        this.registry = registry;
        this.forecasts = forecasts;
    }

    void mount(Router router, Handler<RoutingContext> authenticated) {
        router.get(MaintenanceAssetRoutes.COMMUNITY + "/forecasts").handler(authenticated).handler(this::list);
    }

    private void list(RoutingContext ctx) {
        String communityId = ctx.pathParam("communityId");
        Principal user = AuthRoutes.principal(ctx);
        Responses.json(ctx, vertx.executeBlocking(() -> {
            MaintenanceAccess.requireReader(user, registry, communityId);
            return forecasts.list(communityId, AlertRoutes.params(ctx));
        }, false));
    }
}
