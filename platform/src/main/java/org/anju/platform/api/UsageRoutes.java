package org.anju.platform.api;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import org.anju.error.ClientError;
import org.anju.platform.auth.Principal;
import org.anju.platform.auth.Role;
import org.anju.platform.parking.ParkingReviews;
import org.anju.platform.parking.Resolution;
import org.anju.platform.query.ListLimits;

/**
 * Visitor parking and EV charging (docs/billing.md): staff read a community's visits, sessions and
 * review queues and resolve review items; residents read their own household's visits and
 * sessions. Plates are personal data, so the staff routes are for the community's property
 * administrators and operators ({@link Principal#maySeePersonalDataOf}); a resident asking for
 * another household's session gets the 404 of a missing one.
 */
final class UsageRoutes {

    private final Vertx vertx;
    private final UsageServices usage;
    private final ListLimits visits;
    private final ListLimits sessions;
    private final ListLimits reviews;
    private final Clock clock;

    /**
     * @param records   the limits of the lists of visits and sessions ({@code limits.records})
     * @param directory the limits of the review queues, which have no range ({@code limits.directory})
     */
    UsageRoutes(Vertx vertx, UsageServices usage, ListLimits records, ListLimits directory, Clock clock) {
        this.vertx = vertx;
        this.usage = usage;
        this.visits = records.named("visits");
        this.sessions = records.named("charging sessions");
        this.reviews = directory.named("review items");
        this.clock = clock;
    }

    void mount(Router router, Handler<RoutingContext> authenticated) {
        String community = "/api/v1/communities/:communityId";
        router.get(community + "/parking/visits").handler(authenticated).handler(this::communityVisits);
        router.get(community + "/parking/reviews").handler(authenticated).handler(this::parkingReviews);
        router.post(community + "/parking/reviews/:reviewId/resolve").handler(authenticated).handler(this::resolveReview);
        router.get(community + "/charging/sessions").handler(authenticated).handler(this::communitySessions);
        router.post(community + "/charging/sessions/:sessionId/resolve").handler(authenticated)
                .handler(this::resolveSession);
        router.get("/api/v1/me/parking/visits").handler(authenticated).handler(this::myVisits);
        router.get("/api/v1/me/charging/sessions").handler(authenticated).handler(this::mySessions);
        router.get("/api/v1/me/charging/sessions/:sessionId").handler(authenticated).handler(this::mySession);
    }

    private void communityVisits(RoutingContext ctx) {
        String community = staffCommunity(ctx);
        Function<String, String> params = AlertRoutes.params(ctx);
        Responses.json(ctx, vertx.executeBlocking(() -> usage.visits().ofCommunity(community,
                visits.request(params, clock.instant(), Long.class)), false));
    }

    private void parkingReviews(RoutingContext ctx) {
        String community = staffCommunity(ctx);
        Function<String, String> params = AlertRoutes.params(ctx);
        String status = oneOf(params, "status", "open", "open", "waived", "charged", "assigned", "all");
        Responses.json(ctx, vertx.executeBlocking(() -> usage.parkingReviews().ofCommunity(community,
                status.equals("all") ? null : status,
                reviews.request(params, clock.instant(), Long.class)), false));
    }

    private void resolveReview(RoutingContext ctx) {
        String community = staffCommunity(ctx);
        long id = AlertRoutes.id(ctx, "reviewId");
        JsonObject body = AlertRoutes.body(ctx);
        Resolution decision = new Resolution(text(body, "action"), text(body, "reason"), number(body, "amountFen"),
                number(body, "householdId"), text(body, "plate"), instant(body, "entryTs"), instant(body, "exitTs"));
        ParkingReviews.Actor actor = actor(ctx);
        Responses.json(ctx, vertx.executeBlocking(() -> usage.parkingReviews().resolve(community, id, decision, actor),
                false));
    }

    private void communitySessions(RoutingContext ctx) {
        String community = staffCommunity(ctx);
        Function<String, String> params = AlertRoutes.params(ctx);
        Responses.json(ctx, vertx.executeBlocking(() -> usage.chargingSessions().ofCommunity(community,
                oneOf(params, "state", null, "open", "priced", "review", "waived"), sessions.request(params, clock.instant(), Long.class)), false));
    }

    private void resolveSession(RoutingContext ctx) {
        String community = staffCommunity(ctx);
        long id = AlertRoutes.id(ctx, "sessionId");
        JsonObject body = AlertRoutes.body(ctx);
        String action = text(body, "action");
        if (action == null) {
            throw ClientError.badRequest("field 'action' is required: charge or waive");
        }
        ParkingReviews.Actor actor = actor(ctx);
        Responses.json(ctx, vertx.executeBlocking(() -> usage.chargingSessions().resolve(community, id, action,
                number(body, "householdId"), number(body, "amountFen"), text(body, "reason"), actor), false));
    }

    private void myVisits(RoutingContext ctx) {
        String username = resident(ctx);
        Function<String, String> params = AlertRoutes.params(ctx);
        Responses.json(ctx, vertx.executeBlocking(() -> usage.visits().ofResident(username, today(),
                visits.request(params, clock.instant(), Long.class)), false));
    }

    private void mySessions(RoutingContext ctx) {
        String username = resident(ctx);
        Function<String, String> params = AlertRoutes.params(ctx);
        Responses.json(ctx, vertx.executeBlocking(() -> usage.chargingSessions().ofResident(username, today(),
                sessions.request(params, clock.instant(), Long.class)), false));
    }

    private void mySession(RoutingContext ctx) {
        String username = resident(ctx);
        long id = AlertRoutes.id(ctx, "sessionId");
        Responses.json(ctx, vertx.executeBlocking(() -> usage.chargingSessions().ofResident(username, today(), id),
                false));
    }

    /** The community of the path, once the user may see its plates and sessions (403 otherwise). */
    private static String staffCommunity(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        String community = ctx.pathParam("communityId");
        if (!user.maySeePersonalDataOf(community)) {
            throw ClientError.forbidden(user.username() + " may not see the parking and charging records of community '"
                    + community + "': its property administrators and operators do");
        }
        return community;
    }

    private static String resident(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        if (!user.has(Role.RESIDENT)) {
            throw ClientError.forbidden(user.username() + " is not a resident: these are a household's own records");
        }
        return user.username();
    }

    private static ParkingReviews.Actor actor(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        return new ParkingReviews.Actor(user.username(), user.tenantId(), AuthRoutes.sourceAddress(ctx));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), usage.dayZone());
    }

    /** Reads a query parameter that takes one of a few values; {@code otherwise} when absent. */
    private static String oneOf(Function<String, String> params, String name, String otherwise, String... values) {
        String value = params.apply(name);
        if (value == null) {
            return otherwise;
        }
        if (!java.util.List.of(values).contains(value)) {
            throw ClientError.badRequest("parameter '" + name + "' must be one of " + String.join(", ", values)
                    + ", got \"" + value + "\"");
        }
        return value;
    }

    private static String text(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (value != null && !(value instanceof String)) {
            throw ClientError.badRequest("field '" + field + "' must be text");
        }
        return (String) value;
    }

    private static Long number(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Integer || value instanceof Long)) {
            throw ClientError.badRequest("field '" + field + "' must be a whole number");
        }
        return ((Number) value).longValue();
    }

    private static Instant instant(JsonObject body, String field) {
        String value = text(body, field);
        try {
            return value == null ? null : java.time.OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ClientError.badRequest("field '" + field + "' must be an ISO-8601 date-time with an offset, got \""
                    + value + "\"");
        }
    }
}
