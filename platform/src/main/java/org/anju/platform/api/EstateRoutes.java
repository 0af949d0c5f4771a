package org.anju.platform.api;

import java.time.Clock;
import java.util.function.Function;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import org.anju.error.ClientError;
import org.anju.platform.auth.Principal;
import org.anju.platform.auth.Role;
import org.anju.platform.estate.EstateRequests;
import org.anju.platform.estate.EstateResult;
import org.anju.platform.estate.EstateServices;
import org.anju.platform.estate.HouseholdView;
import org.anju.platform.estate.Households.Household;
import org.anju.platform.estate.ParkingSpaces.ParkingSpace;
import org.anju.platform.estate.Vehicles.Vehicle;
import org.anju.platform.query.ListLimits;
import org.anju.platform.query.ListRequest;
import org.anju.platform.query.Page;

/**
 * People and places: bulk provisioning of a community's households, residents, vehicles, car parks,
 * spaces and id tags (its property administrators and platform administrators); a resident's own
 * households; one household (its community's staff, or a resident member: 404 for anyone else's);
 * and the community's households, vehicles and spaces for staff, a page at a time.
 */
final class EstateRoutes {

    private final Vertx vertx;
    private final EstateServices estate;
    private final ListLimits households;
    private final ListLimits vehicles;
    private final ListLimits spaces;
    private final Clock clock;

    /** @param directory the limits of lists without a time range, which these lists share */
    EstateRoutes(Vertx vertx, EstateServices estate, ListLimits directory, Clock clock) {
        this.vertx = vertx;
        this.estate = estate;
        this.households = directory.named("households");
        this.vehicles = directory.named("vehicles");
        this.spaces = directory.named("parking spaces");
        this.clock = clock;
    }

    void mount(Router router, Handler<RoutingContext> authenticated, Handler<RoutingContext> provisioningBody) {
        router.post(ProvisioningRoutes.PREFIX + "tenants/:tenantId/communities/:communityId/estate")
                .handler(provisioningBody).handler(this::provision).failureHandler(ProvisioningRoutes::rejected);
        router.get("/api/v1/me/households").handler(authenticated).handler(this::mine);
        router.get("/api/v1/households/:householdId").handler(authenticated).handler(this::household);
        router.get("/api/v1/communities/:communityId/households").handler(authenticated)
                .handler(ctx -> list(ctx, households, estate.directory()::households, "households",
                        EstateRoutes::json));
        router.get("/api/v1/communities/:communityId/vehicles").handler(authenticated)
                .handler(ctx -> list(ctx, vehicles, estate.directory()::vehicles, "vehicles", EstateRoutes::json));
        router.get("/api/v1/communities/:communityId/parking-spaces").handler(authenticated)
                .handler(ctx -> list(ctx, spaces, estate.directory()::parkingSpaces, "parkingSpaces",
                        EstateRoutes::json));
    }

    /** Property administrators of the community (and platform administrators) only, like devices. */
    private void provision(RoutingContext ctx) {
        String tenantId = ProvisioningRoutes.slug(ctx, "tenantId");
        String communityId = ProvisioningRoutes.slug(ctx, "communityId");
        Principal user = AuthRoutes.principal(ctx);
        ProvisioningRoutes.requireProvisioner(user, tenantId);
        if (!user.has(Role.PLATFORM_ADMIN)) {
            ProvisioningRoutes.requireOwnCommunity(user, communityId);
        }
        String body = ctx.body().asString();
        Responses.json(ctx, vertx.executeBlocking(() -> json(estate.provisioning().provision(AuthRoutes.actor(ctx),
                tenantId, communityId, EstateRequests.read(body))), false));
    }

    private void mine(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        Responses.json(ctx, vertx.executeBlocking(() -> new JsonObject().put("households",
                new JsonArray(estate.directory().mine(user).stream().map(EstateRoutes::json).toList())), false));
    }

    private void household(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        long id = householdId(ctx.pathParam("householdId"));
        Responses.json(ctx, vertx.executeBlocking(() -> json(estate.directory().household(user, id)), false));
    }

    @FunctionalInterface
    private interface Lister<T> {
        Page<T> page(Principal user, String communityId, ListRequest request);
    }

    private <T> void list(RoutingContext ctx, ListLimits limits, Lister<T> lister, String name,
            Function<T, JsonObject> json) {
        Principal user = AuthRoutes.principal(ctx);
        String communityId = ctx.pathParam("communityId");
        Responses.json(ctx, vertx.executeBlocking(() -> {
            ListRequest request = limits.request(AlertRoutes.params(ctx), clock.instant(), Long.class);
            Page<T> page = lister.page(user, communityId, request);
            return new JsonObject().put(name, new JsonArray(page.items().stream().map(json).toList()))
                    .put("nextCursor", page.nextCursor());
        }, false));
    }

    private static long householdId(String text) {
        try {
            long id = Long.parseLong(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ClientError.badRequest("householdId '" + (text.length() > 20 ? text.substring(0, 20) + "…" : text)
                + "' is not valid: a positive whole number");
    }

    static JsonObject json(EstateResult result) {
        JsonArray items = new JsonArray();
        for (EstateResult.Outcome o : result.items()) {
            JsonObject item = new JsonObject().put("kind", o.kind()).put("key", o.key()).put("status", o.status());
            if (o.id() != null) {
                item.put("id", o.id());
            }
            if (o.initialPassword() != null) {
                item.put("initialPassword", o.initialPassword());
            }
            items.add(item);
        }
        return new JsonObject().put("tenantId", result.tenantId()).put("communityId", result.communityId())
                .put("created", result.created()).put("unchanged", result.unchanged()).put("items", items);
    }

    static JsonObject json(Household h) {
        return new JsonObject().put("id", h.id()).put("communityId", h.communityId()).put("buildingId", h.buildingId())
                .put("unitId", h.unitId()).put("floor", h.floor()).put("number", h.number())
                .put("privateAreaM2", h.privateAreaM2().toPlainString());
    }

    static JsonObject json(HouseholdView v) {
        JsonObject json = json(v.household()).put("building", v.building()).put("unit", v.unit());
        if (v.relation() != null) {
            json.put("relation", v.relation().wireName()).put("since", v.since().toString())
                    .put("until", v.until() == null ? null : v.until().toString());
        }
        return json.put("members", new JsonArray(v.members().stream().map(m -> new JsonObject()
                        .put("username", m.username()).put("relation", m.relation().wireName())
                        .put("since", m.since().toString()).put("until", m.until() == null ? null : m.until().toString()))
                        .toList()))
                .put("vehicles", new JsonArray(v.vehicles().stream().map(EstateRoutes::json).toList()))
                .put("parkingSpaces", new JsonArray(v.parkingSpaces().stream().map(EstateRoutes::json).toList()))
                .put("idTags", new JsonArray(v.idTags().stream().map(t -> new JsonObject().put("idTag", t.idTag())
                        .put("enabled", t.enabled())).toList()));
    }

    static JsonObject json(Vehicle v) {
        return new JsonObject().put("id", v.id()).put("householdId", v.householdId()).put("plate", v.plate())
                .put("newEnergy", v.newEnergy());
    }

    static JsonObject json(ParkingSpace s) {
        return new JsonObject().put("id", s.id()).put("number", s.number()).put("kind", s.kind().wireName())
                .put("ownership", s.ownership().wireName()).put("ownerHouseholdId", s.ownerHouseholdId())
                .put("chargerDeviceId", s.chargerDeviceId()).put("carParkId", s.carParkId());
    }
}
