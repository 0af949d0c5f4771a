package org.anju.platform.api;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;

import io.vertx.core.Vertx;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import org.anju.error.ClientError;
import org.anju.platform.auth.Principal;
import org.anju.platform.auth.Role;
import org.anju.platform.parcels.Parcels;
import org.anju.platform.query.ListLimits;

/**
 * Parcel notices (docs/parcels.md): a resident reads the household's parcels with their pickup
 * codes and registers the number they receive parcels at; the community's property
 * administrators and operators read its parcels (personal data, never a pickup code). The
 * overdue fee is the community's {@code parcel_overdue} tariff (the tariff routes).
 */
final class ParcelRoutes {

    private static final String COMMUNITY = "/api/v1/communities/:communityId/parcels";
    private static final List<String> FILTERS = List.of("all", "waiting", "overdue", "unmatched", "picked_up");

    private final Vertx vertx;
    private final Parcels parcels;
    private final ListLimits limits;
    private final ZoneId dayZone;
    private final Clock clock;

    /**
     * @param records the limits of the community's list ({@code limits.records})
     * @param dayZone the zone of the day that decides a resident's households
     */
    ParcelRoutes(Vertx vertx, Parcels parcels, ListLimits records, ZoneId dayZone, Clock clock) {
        this.vertx = vertx;
        this.parcels = parcels;
        this.limits = records.named("parcels");
        this.dayZone = dayZone;
        this.clock = clock;
    }

    void mount(Router router, Handler<RoutingContext> authenticated) {
        router.get("/api/v1/me/parcels").handler(authenticated).handler(this::mine);
        router.put("/api/v1/me/parcels/phone").handler(authenticated).handler(this::registerPhone);
        router.get("/api/v1/me/parcels/:parcelId").handler(authenticated).handler(this::myParcel);
        router.get(COMMUNITY).handler(authenticated).handler(this::community);
    }

    private void mine(RoutingContext ctx) {
        String username = resident(ctx);
        Responses.json(ctx, vertx.executeBlocking(() -> parcels.ofResident(username, today(), clock.instant()), false));
    }

    private void myParcel(RoutingContext ctx) {
        String username = resident(ctx);
        long id = AlertRoutes.id(ctx, "parcelId");
        Responses.json(ctx, vertx.executeBlocking(() -> parcels.ofResident(username, today(), id, clock.instant()),
                false));
    }

    private void registerPhone(RoutingContext ctx) {
        String username = resident(ctx);
        Object phone = AlertRoutes.body(ctx).getValue("phone");
        if (!(phone instanceof String text)) {
            throw ClientError.badRequest("field 'phone' is required: a mainland mobile number as text");
        }
        Responses.json(ctx, vertx.executeBlocking(() -> parcels.registerPhone(username, text, today(), clock.instant()),
                false));
    }

    private void community(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        String community = ctx.pathParam("communityId");
        if (!user.maySeePersonalDataOf(community)) {
            throw ClientError.forbidden(user.username() + " may not see the parcels of community '" + community
                    + "': its property administrators and operators do");
        }
        Function<String, String> params = AlertRoutes.params(ctx);
        String filter = params.apply("status") == null ? "all" : params.apply("status");
        if (!FILTERS.contains(filter)) {
            throw ClientError.badRequest("parameter 'status' must be one of " + String.join(", ", FILTERS) + ", got \""
                    + filter + "\"");
        }
        Responses.json(ctx, vertx.executeBlocking(() -> parcels.ofCommunity(community, filter,
                limits.request(params, clock.instant(), Long.class), clock.instant()), false));
    }

    private static String resident(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        if (!user.has(Role.RESIDENT)) {
            throw ClientError.forbidden(user.username() + " is not a resident: these are a household's own parcels");
        }
        return user.username();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), dayZone);
    }
}
