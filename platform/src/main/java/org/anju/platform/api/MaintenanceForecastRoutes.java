package org.anju.platform.api;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import org.anju.platform.maintenance.forecast.ForecastList;
import org.anju.platform.maintenance.settings.MaintenanceSettings;

/**
 * A community's maintenance forecasts from the last daily pass (issue 13 item 7), and its
 * maintenance settings (docs/maintenance.md "Per-community settings": the forecast limits, horizon
 * and fewest points, the corrective orders' due days, the escalation steps). The community's staff
 * read both like its plans and counters; its property administrators change the settings
 * ({@link MaintenanceAccess}).
 */
final class MaintenanceForecastRoutes {

    private final MaintenanceCalls calls;
    private final ForecastList forecasts;
    private final MaintenanceSettings settings;

    MaintenanceForecastRoutes(MaintenanceCalls calls, ForecastList forecasts, MaintenanceSettings settings) {
        this.calls = calls;
        this.forecasts = forecasts;
        this.settings = settings;
    }

    void mount(Router router, Handler<RoutingContext> authenticated) {
        router.get(MaintenanceAssetRoutes.COMMUNITY + "/forecasts").handler(authenticated)
                .handler(ctx -> calls.read(ctx, community -> forecasts.list(community, AlertRoutes.params(ctx))));
        router.get(MaintenanceAssetRoutes.COMMUNITY + "/settings").handler(authenticated)
                .handler(ctx -> calls.read(ctx, settings::get));
        router.put(MaintenanceAssetRoutes.COMMUNITY + "/settings").handler(authenticated).handler(this::putSettings);
    }

    private void putSettings(RoutingContext ctx) {
        Responses.json(ctx, calls.change(ctx, "maintenance.settings_changed", call -> {
            JsonObject body = AlertRoutes.body(ctx);
            return settings.put(call.communityId(), body, call.user().username(),
                    call.audit().about("community:" + call.communityId()));
        }));
    }
}
