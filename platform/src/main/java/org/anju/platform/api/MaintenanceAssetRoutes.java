package org.anju.platform.api;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import org.anju.error.ClientError;
import org.anju.platform.Json;
import org.anju.platform.audit.AuditEntry;
import org.anju.platform.audit.AuditLog;
import org.anju.platform.auth.Principal;
import org.anju.platform.maintenance.plans.Asset;
import org.anju.platform.maintenance.plans.AssetJson;
import org.anju.platform.maintenance.plans.AssetKind;
import org.anju.platform.maintenance.plans.Assets;
import org.anju.platform.maintenance.plans.CounterThresholds;
import org.anju.platform.maintenance.plans.MaintenancePlans;
import org.anju.platform.maintenance.plans.PlanJson;
import org.anju.platform.maintenance.plans.Plans;
import org.anju.platform.maintenance.plans.UsageCounters;
import org.anju.platform.registry.DevicePlace;
import org.anju.platform.registry.Devices;
import org.anju.platform.storage.UnitOfWork;

/**
 * Maintenance assets: a community's (list; bulk, idempotent provisioning with {@code PUT}) and one
 * device's (its asset, plans with their next occurrences, and usage counters). docs/maintenance.md.
 */
final class MaintenanceAssetRoutes {

    static final String COMMUNITY = "/api/v1/communities/:communityId/maintenance";
    static final String DEVICE = "/api/v1/devices/:deviceId/maintenance";
    /** Assets per provisioning request. */
    static final int MAX_ASSETS = 1_000;
    private static final String WHAT = "maintenance assets";

    private final MaintenanceCalls calls;
    private final MaintenancePlans plans;

    MaintenanceAssetRoutes(MaintenanceCalls calls, MaintenancePlans plans) {
        this.calls = calls;
        this.plans = plans;
    }

    void mount(Router router, Handler<RoutingContext> authenticated) {
        router.get(COMMUNITY + "/assets").handler(authenticated).handler(this::list);
        router.put(COMMUNITY + "/assets").handler(authenticated).handler(this::provision);
        router.put(DEVICE + "/asset").handler(authenticated).handler(this::putOne);
        router.get(DEVICE).handler(authenticated).handler(this::device);
    }

    private void list(RoutingContext ctx) {
        calls.read(ctx, communityId -> {
            ObjectNode answer = Json.MAPPER.createObjectNode();
            plans.work().read(WHAT, tx -> Assets.ofCommunity(tx, communityId))
                    .forEach(a -> answer.withArray("assets").add(AssetJson.write(a)));
            answer.withArray("assets");
            return answer;
        });
    }

    private void provision(RoutingContext ctx) {
        Responses.json(ctx, calls.change(ctx, "maintenance.assets_provisioned", call -> {
            String communityId = call.communityId();
            AuditEntry audit = call.audit().about("community:" + communityId);
            JsonNode items = MaintenanceAccess.body(call.body(), "with assets: [...]").path("assets");
            if (!items.isArray() || items.isEmpty() || items.size() > MAX_ASSETS) {
                throw ClientError.badRequest("assets must be a list of 1 to " + MAX_ASSETS + " assets");
            }
            return plans.work().inTransaction(WHAT, tx -> {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    ids.add(AssetJson.deviceId(items.get(i), "assets[" + i + "]"));
                }
                Map<String, Devices.Place> places = Devices.places(tx, ids);
                Map<Assets.Outcome, Integer> outcomes = new EnumMap<>(Assets.Outcome.class);
                for (int i = 0; i < items.size(); i++) {
                    String path = "assets[" + i + "]";
                    Devices.Place place = places.get(ids.get(i));
                    if (place == null || !place.communityId().equals(communityId)) {
                        throw ClientError.badRequest(path + ".deviceId: no device '" + ids.get(i) + "' in community '"
                                + communityId + "'");
                    }
                    Asset asset = AssetJson.read(items.get(i), path, ids.get(i), communityId, kind(place.type(), path));
                    outcomes.merge(Assets.put(tx, asset, plans.clock().instant()), 1, Integer::sum);
                }
                AuditLog.write(tx, audit.with("assets", String.valueOf(items.size())));
                ObjectNode answer = Json.MAPPER.createObjectNode();
                for (Assets.Outcome o : Assets.Outcome.values()) {
                    answer.put(o.name().toLowerCase(java.util.Locale.ROOT), outcomes.getOrDefault(o, 0));
                }
                return answer;
            });
        }));
    }

    private void putOne(RoutingContext ctx) {
        String deviceId = ctx.pathParam("deviceId");
        Principal user = AuthRoutes.principal(ctx);
        AuditEntry audit = AuthRoutes.audit(ctx, "maintenance.asset_put", "device:" + deviceId);
        String body = ctx.body().asString();
        Responses.json(ctx, calls.vertx().executeBlocking(() -> {
            DevicePlace place = MaintenanceAccess.requireDevice(user, calls.registry(), deviceId, true);
            Asset asset = AssetJson.read(MaintenanceAccess.body(body, "describing the asset"), "asset", deviceId,
                    place.communityId(), kind(place.type(), "asset"));
            return plans.work().inTransaction(WHAT, tx -> {
                Assets.Outcome outcome = Assets.put(tx, asset, plans.clock().instant());
                AuditLog.write(tx, audit.with("communityId", place.communityId()).with("outcome", outcome.name()));
                return AssetJson.write(Assets.get(tx, deviceId).orElseThrow())
                        .put("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT));
            });
        }, false));
    }

    private void device(RoutingContext ctx) {
        String deviceId = ctx.pathParam("deviceId");
        Principal user = AuthRoutes.principal(ctx);
        Responses.json(ctx, calls.vertx().executeBlocking(() -> {
            MaintenanceAccess.requireDevice(user, calls.registry(), deviceId, false);
            return plans.work().read(WHAT, tx -> deviceJson(tx, deviceId));
        }, false));
    }

    private ObjectNode deviceJson(UnitOfWork.Tx tx, String deviceId) throws java.sql.SQLException {
        Asset asset = Assets.get(tx, deviceId)
                .orElseThrow(() -> ClientError.notFound("device '" + deviceId + "' has no maintenance asset"));
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.set("asset", AssetJson.write(asset));
        Plans.ofDevice(tx, deviceId).forEach(p -> answer.withArray("plans").add(PlanJson.write(p, asset)));
        answer.withArray("plans");
        var thresholds = CounterThresholds.of(tx, List.of(asset.communityId()), plans.settings().counterThresholds());
        UsageCounters.read(tx, List.of(asset), thresholds).get(deviceId)
                .forEach(c -> answer.withArray("counters").add(MaintenancePlanRoutes.counterJson(c)));
        answer.withArray("counters");
        return answer;
    }

    private static AssetKind kind(String type, String path) {
        return AssetKind.ofDeviceType(type).orElseThrow(() -> ClientError.badRequest(path
                + ".deviceId: devices of type '" + type + "' are not maintained here"));
    }
}
