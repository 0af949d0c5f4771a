package org.anju.platform.api;

import java.time.Clock;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import org.anju.error.ClientError;
import org.anju.platform.audit.AuditEntry;
import org.anju.platform.auth.Principal;
import org.anju.platform.delivery.Subscription;
import org.anju.platform.delivery.WebhookService;
import org.anju.platform.query.ListLimits;
import org.anju.platform.query.ListRequest;
import org.anju.platform.query.Page;

/**
 * Webhook subscriptions (create, list, read, enable/disable, delete), their delivery log and
 * sending a dead delivery again, under {@code /api/v1/webhooks}. The signing secret is in the answer to the create request only.
 */
final class WebhookRoutes {

    private static final String BASE = "/api/v1/webhooks/subscriptions";

    private final Vertx vertx;
    private final WebhookService webhooks;
    private final ListLimits subscriptionLimits;
    private final ListLimits deliveryLimits;
    private final Clock clock;

    /**
     * @param directory the limits of lists without a time range (subscriptions)
     * @param records   the limits of lists of records (deliveries)
     */
    WebhookRoutes(Vertx vertx, WebhookService webhooks, ListLimits directory, ListLimits records, Clock clock) {
        this.vertx = vertx;
        this.webhooks = webhooks;
        this.subscriptionLimits = directory.named("webhook subscriptions");
        this.deliveryLimits = records.named("webhook deliveries");
        this.clock = clock;
    }

    void mount(Router router, Handler<RoutingContext> authenticated) {
        router.post(BASE).handler(authenticated).handler(this::create);
        router.get(BASE).handler(authenticated).handler(this::list);
        router.get(BASE + "/:subscriptionId").handler(authenticated).handler(this::get);
        router.patch(BASE + "/:subscriptionId").handler(authenticated).handler(this::patch);
        router.delete(BASE + "/:subscriptionId").handler(authenticated).handler(this::delete);
        router.get(BASE + "/:subscriptionId/deliveries").handler(authenticated).handler(this::deliveries);
        router.post(BASE + "/:subscriptionId/deliveries/:deliveryId/retry").handler(authenticated).handler(this::retry);
    }

    private void create(RoutingContext ctx) {
        JsonObject body = body(ctx);
        if (body == null) {
            return;
        }
        Principal user = AuthRoutes.principal(ctx);
        AuditEntry audit = AuthRoutes.audit(ctx, "webhook.created", null);
        vertx.executeBlocking(() -> webhooks.create(user, body, audit), false)
                .onSuccess(created -> Responses.json(ctx, 201, created.subscription().toJson()
                        .put("secret", created.secret())))
                .onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        Responses.json(ctx, vertx.executeBlocking(() -> {
            Page<Subscription> page = webhooks.list(user, subscriptionLimits.request(AlertRoutes.params(ctx), clock.instant(),
                    Long.class));
            return new JsonObject().put("subscriptions", page.items().stream().map(Subscription::toJson).toList())
                    .put("nextCursor", page.nextCursor());
        }, false));
    }

    private void get(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        withId(ctx, id -> Responses.json(ctx, vertx.executeBlocking(() -> webhooks.get(user, id).toJson(), false)));
    }

    /** Only {@code enabled} changes; to change anything else, delete and create (a new secret). */
    private void patch(RoutingContext ctx) {
        JsonObject body = body(ctx);
        if (body == null) {
            return;
        }
        if (!(body.getValue("enabled") instanceof Boolean enabled) || body.size() != 1) {
            ctx.fail(ClientError.badRequest("body must be {\"enabled\": true} or {\"enabled\": false}"));
            return;
        }
        Principal user = AuthRoutes.principal(ctx);
        withId(ctx, id -> Responses.json(ctx, vertx.executeBlocking(() -> webhooks.setEnabled(user, id, enabled,
                AuthRoutes.audit(ctx, "webhook.updated", "webhook:" + id)).toJson(), false)));
    }

    private void delete(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        withId(ctx, id -> vertx.executeBlocking(() -> {
            webhooks.delete(user, id, AuthRoutes.audit(ctx, "webhook.deleted", "webhook:" + id));
            return null;
        }, false).onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail));
    }

    private void deliveries(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        String status = ctx.queryParams().get("status");
        withId(ctx, id -> Responses.json(ctx, vertx.executeBlocking(() -> {
            ListRequest request = deliveryLimits.request(AlertRoutes.params(ctx), clock.instant(), Long.class);
            Page<JsonObject> page = webhooks.deliveries(user, id, status, request);
            return new JsonObject().put("deliveries", new JsonArray(page.items())).put("nextCursor", page.nextCursor());
        }, false)));
    }

    private void retry(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        long deliveryId;
        try {
            deliveryId = number(ctx.pathParam("deliveryId"), "deliveryId");
        } catch (ClientError e) {
            ctx.fail(e);
            return;
        }
        withId(ctx, id -> Responses.json(ctx, vertx.executeBlocking(() -> {
            webhooks.retry(user, id, deliveryId, AuthRoutes.audit(ctx, "webhook.delivery_retried", "webhook:" + id));
            return new JsonObject().put("id", deliveryId).put("status", "pending");
        }, false)));
    }

    private interface IdHandler {
        void handle(long id);
    }

    private static void withId(RoutingContext ctx, IdHandler handler) {
        long id;
        try {
            id = number(ctx.pathParam("subscriptionId"), "subscriptionId");
        } catch (ClientError e) {
            ctx.fail(e);
            return;
        }
        handler.handle(id);
    }

    private static long number(String value, String name) {
        try {
            long n = Long.parseLong(value);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ClientError.badRequest("'" + name + "' must be a whole number from 0");
    }

    private static JsonObject body(RoutingContext ctx) {
        try {
            JsonObject body = ctx.body().asJsonObject();
            if (body != null) {
                return body;
            }
        } catch (DecodeException | ClassCastException e) {
            // reported below
        }
        ctx.fail(ClientError.badRequest("body must be a JSON object"));
        return null;
    }
}
