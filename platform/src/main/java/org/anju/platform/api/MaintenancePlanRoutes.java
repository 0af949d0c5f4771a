package org.anju.platform.api;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import org.anju.error.ClientError;
import org.anju.platform.Json;
import org.anju.platform.audit.AuditLog;
import org.anju.platform.maintenance.plans.Asset;
import org.anju.platform.maintenance.plans.Assets;
import org.anju.platform.maintenance.plans.CounterThresholds;
import org.anju.platform.maintenance.plans.CounterValue;
import org.anju.platform.maintenance.plans.MaintenancePlans;
import org.anju.platform.maintenance.plans.Plan;
import org.anju.platform.maintenance.plans.PlanJson;
import org.anju.platform.maintenance.plans.PlanKind;
import org.anju.platform.maintenance.plans.PlanRules;
import org.anju.platform.maintenance.plans.PlanSpec;
import org.anju.platform.maintenance.plans.Plans;
import org.anju.platform.maintenance.plans.UsageCounter;
import org.anju.platform.maintenance.plans.UsageCounters;

/**
 * A community's maintenance plans (add, change, remove, with the rules of docs/maintenance.md),
 * its calendar (the occurrences due in a window, computed from the plans), its assets' usage
 * counters, and the counters' thresholds.
 */
final class MaintenancePlanRoutes {

    private static final String BASE = MaintenanceAssetRoutes.COMMUNITY;
    private static final String WHAT = "maintenance plans";
    /** The longest calendar window, in days. */
    static final int MAX_CALENDAR_DAYS = 366;

    private final MaintenanceCalls calls;
    private final MaintenancePlans plans;

    MaintenancePlanRoutes(MaintenanceCalls calls, MaintenancePlans plans) {
        this.calls = calls;
        this.plans = plans;
    }

    void mount(Router router, Handler<RoutingContext> authenticated) {
        router.get(BASE + "/plans").handler(authenticated).handler(this::list);
        router.post(BASE + "/plans").handler(authenticated).handler(this::create);
        router.put(BASE + "/plans/:planId").handler(authenticated).handler(this::change);
        router.delete(BASE + "/plans/:planId").handler(authenticated).handler(this::remove);
        router.get(BASE + "/calendar").handler(authenticated).handler(this::calendar);
        router.get(BASE + "/counters").handler(authenticated).handler(this::counters);
        router.get(BASE + "/counter-thresholds").handler(authenticated).handler(this::thresholds);
        router.put(BASE + "/counter-thresholds").handler(authenticated).handler(this::setThresholds);
    }

    private void list(RoutingContext ctx) {
        reading(ctx, communityId -> plans.work().read(WHAT, tx -> {
            Map<String, Asset> assets = byDevice(Assets.ofCommunity(tx, communityId));
            ObjectNode answer = Json.MAPPER.createObjectNode();
            answer.withArray("plans");
            Plans.ofCommunity(tx, communityId).forEach(p -> answer.withArray("plans")
                    .add(PlanJson.write(p, assets.get(p.deviceId()))));
            return answer;
        }));
    }

    private void create(RoutingContext ctx) {
        calls.change(ctx, "maintenance.plan_created", call -> {
            String communityId = call.communityId();
            JsonNode request = MaintenanceAccess.body(call.body(), "with deviceId, kind and startOn");
            String deviceId = request.path("deviceId").asText("");
            PlanKind kind = PlanJson.kind(request);
            if (request.path("startOn").isMissingNode()) {
                throw ClientError.badRequest("startOn is required (YYYY-MM-DD)");
            }
            return plans.work().inTransaction(WHAT, tx -> {
                Asset asset = asset(tx, communityId, deviceId);
                PlanSpec spec = PlanJson.read(request, kind, PlanSpec.defaults(kind, plans.today()));
                Plan plan = Plans.create(tx, asset, spec, call.user().username(), plans.clock().instant());
                AuditLog.write(tx, call.audit().about("maintenance_plan:" + plan.id()).with("communityId", communityId)
                        .with("deviceId", deviceId).with("kind", kind.wireName()));
                return PlanJson.write(plan, asset);
            });
        }).onSuccess(plan -> Responses.json(ctx, 201, plan)).onFailure(ctx::fail);
    }

    private void change(RoutingContext ctx) {
        Responses.json(ctx, calls.change(ctx, "maintenance.plan_changed", call -> {
            String communityId = call.communityId();
            long id = planId(ctx);
            JsonNode request = MaintenanceAccess.body(call.body(), "with the plan's fields to change");
            return plans.work().inTransaction(WHAT, tx -> {
                Plan plan = plan(tx, communityId, id);
                Asset asset = Assets.get(tx, plan.deviceId()).orElseThrow();
                PlanKind kind = request.has("kind") ? PlanJson.kind(request) : plan.kind();
                PlanSpec current = new PlanSpec(plan.kind(), plan.every(), plan.startOn(), plan.leadDays(),
                        plan.checklist(), plan.minCrew());
                Plan changed = Plans.update(tx, plan, asset, PlanJson.read(request, kind, current),
                        plans.clock().instant());
                AuditLog.write(tx, call.audit().about("maintenance_plan:" + id).with("communityId", communityId));
                return PlanJson.write(changed, asset);
            });
        }));
    }

    private void remove(RoutingContext ctx) {
        calls.change(ctx, "maintenance.plan_removed", call -> {
            String communityId = call.communityId();
            long id = planId(ctx);
            return plans.work().inTransaction(WHAT, tx -> {
                plan(tx, communityId, id);
                Plans.delete(tx, id);
                AuditLog.write(tx, call.audit().about("maintenance_plan:" + id).with("communityId", communityId));
                return null;
            });
        }).onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
    }

    private void calendar(RoutingContext ctx) {
        String fromText = ctx.queryParams().get("from");
        String toText = ctx.queryParams().get("to");
        reading(ctx, communityId -> {
            LocalDate from = day("from", fromText, plans.today());
            LocalDate to = day("to", toText, from.plusDays(31));
            if (to.isBefore(from) || to.isAfter(from.plusDays(MAX_CALENDAR_DAYS))) {
                throw ClientError.badRequest("to must be from 'from' to " + MAX_CALENDAR_DAYS + " days after it");
            }
            return occurrences(communityId, from, to);
        });
    }

    private ObjectNode occurrences(String communityId, LocalDate from, LocalDate to) {
        return plans.work().read(WHAT, tx -> {
            Map<String, Asset> assets = byDevice(Assets.ofCommunity(tx, communityId));
            ObjectNode answer = Json.MAPPER.createObjectNode().put("from", from.toString()).put("to", to.toString());
            answer.withArray("occurrences");
            for (Plan p : Plans.ofCommunity(tx, communityId)) {
                for (LocalDate due : PlanRules.occurrences(p, assets.get(p.deviceId()), MAX_CALENDAR_DAYS)) {
                    if (due.isAfter(to)) {
                        break;
                    }
                    if (!due.isBefore(from)) {
                        answer.withArray("occurrences").addObject().put("dueOn", due.toString())
                                .put("deviceId", p.deviceId()).put("planId", p.id()).put("kind", p.kind().wireName())
                                .put("minCrew", p.minCrew());
                    }
                }
            }
            return answer;
        });
    }

    private void counters(RoutingContext ctx) {
        reading(ctx, communityId -> plans.work().read(WHAT, tx -> {
            List<Asset> assets = Assets.ofCommunity(tx, communityId);
            var values = UsageCounters.read(tx, assets, CounterThresholds.of(tx, List.of(communityId),
                    plans.settings().counterThresholds()));
            ObjectNode answer = Json.MAPPER.createObjectNode();
            answer.withArray("devices");
            for (Asset a : assets) {
                ObjectNode device = answer.withArray("devices").addObject().put("deviceId", a.deviceId())
                        .put("mode", a.mode().wireName());
                device.withArray("counters");
                values.get(a.deviceId()).forEach(c -> device.withArray("counters").add(counterJson(c)));
            }
            return answer;
        }));
    }

    private void thresholds(RoutingContext ctx) {
        reading(ctx, communityId -> plans.work().read(WHAT, tx -> thresholdsJson(
                CounterThresholds.of(tx, List.of(communityId), plans.settings().counterThresholds()).get(communityId))));
    }

    private void setThresholds(RoutingContext ctx) {
        Responses.json(ctx, calls.change(ctx, "maintenance.thresholds_changed", call -> {
            String communityId = call.communityId();
            Map<UsageCounter, Double> changes = new EnumMap<>(UsageCounter.class);
            Iterator<Map.Entry<String, JsonNode>> fields = MaintenanceAccess.body(call.body(),
                    "of counter names and thresholds").fields();
            while (fields.hasNext()) {
                var f = fields.next();
                UsageCounter c = UsageCounter.fromWireName(f.getKey()).orElseThrow(() -> ClientError.badRequest("'"
                        + f.getKey() + "' is not a usage counter"));
                if (!f.getValue().isNumber() || f.getValue().asDouble() <= 0) {
                    throw ClientError.badRequest(f.getKey() + " must be a positive number");
                }
                changes.put(c, f.getValue().asDouble());
            }
            return plans.work().inTransaction(WHAT, tx -> {
                CounterThresholds.put(tx, communityId, changes, call.user().username(), plans.clock().instant());
                AuditLog.write(tx, call.audit().about("community:" + communityId)
                        .with("counters", changes.keySet().toString()));
                return thresholdsJson(CounterThresholds.of(tx, List.of(communityId),
                        plans.settings().counterThresholds()).get(communityId));
            });
        }));
    }

    /** Writes a counter. */
    static ObjectNode counterJson(CounterValue c) {
        return Json.MAPPER.createObjectNode().put("counter", c.counter().wireName()).put("value", c.value())
                .put("threshold", c.threshold()).put("over", c.over()).put("restarts", c.restarts())
                .put("since", c.since().toString()).put("from", c.from() == null ? null : c.from().toString());
    }

    private static ObjectNode thresholdsJson(Map<UsageCounter, Double> thresholds) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        thresholds.forEach((c, t) -> json.put(c.wireName(), t));
        return json;
    }

    private void reading(RoutingContext ctx, java.util.function.Function<String, Object> answer) {
        calls.read(ctx, answer);
    }

    private static Asset asset(org.anju.platform.storage.UnitOfWork.Tx tx, String communityId, String deviceId)
            throws java.sql.SQLException {
        return Assets.get(tx, deviceId).filter(a -> a.communityId().equals(communityId)).orElseThrow(() ->
                ClientError.badRequest("deviceId: device '" + deviceId + "' has no maintenance asset in community '"
                        + communityId + "' (PUT it first)"));
    }

    private static Plan plan(org.anju.platform.storage.UnitOfWork.Tx tx, String communityId, long id)
            throws java.sql.SQLException {
        return Plans.get(tx, id).filter(p -> p.communityId().equals(communityId))
                .orElseThrow(() -> ClientError.notFound("no maintenance plan " + id + " in community '" + communityId
                        + "'"));
    }

    private static long planId(RoutingContext ctx) {
        try {
            return Long.parseLong(ctx.pathParam("planId"));
        } catch (NumberFormatException e) {
            throw ClientError.notFound("no maintenance plan '" + ctx.pathParam("planId") + "'");
        }
    }

    private static Map<String, Asset> byDevice(List<Asset> assets) {
        return assets.stream().collect(java.util.stream.Collectors.toMap(Asset::deviceId, a -> a));
    }

    private static LocalDate day(String name, String text, LocalDate otherwise) {
        try {
            return text == null ? otherwise : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ClientError.badRequest(name + " must be a date (YYYY-MM-DD)");
        }
    }
}
