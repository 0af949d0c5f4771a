package org.anju.platform.api;

import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Callable;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import org.anju.error.ClientError;
import org.anju.platform.auth.AuthServices;
import org.anju.platform.auth.NewUser;
import org.anju.platform.auth.Role;
import org.anju.platform.auth.UserAccounts;
import org.anju.platform.auth.UserChange;
import org.anju.platform.auth.UserView;
import org.anju.platform.query.ListLimits;
import org.anju.platform.query.ListRequest;
import org.anju.platform.query.Page;

/**
 * The users API under {@code /api/v1/users}: list, create, read, change (display name, roles,
 * communities, enabled) and reset a password. Platform administrators manage every user;
 * property administrators the users of their tenant, within their own rights (see
 * docs/security.md). Requests that hash a password run on the bounded password pool.
 */
final class UserRoutes {

    private static final String BASE = "/api/v1/users";
    private static final Set<String> CREATE_FIELDS = Set.of("username", "displayName", "tenantId", "roles",
            "communityIds", "password");
    private static final Set<String> CHANGE_FIELDS = Set.of("displayName", "roles", "communityIds", "enabled");

    private final Vertx vertx;
    private final AuthServices auth;
    private final ListLimits limits;
    private final Clock clock;

    /** @param directory the limits of lists without a time range, which the users list shares */
    UserRoutes(Vertx vertx, AuthServices auth, ListLimits directory, Clock clock) {
        this.vertx = vertx;
        this.auth = auth;
        this.limits = directory.named("users");
        this.clock = clock;
    }

    void mount(Router router, io.vertx.core.Handler<RoutingContext> authenticated) {
        router.get(BASE).handler(authenticated).handler(this::list);
        router.post(BASE).handler(authenticated).handler(this::create);
        router.get(BASE + "/:username").handler(authenticated).handler(this::get);
        router.patch(BASE + "/:username").handler(authenticated).handler(this::change);
        router.post(BASE + "/:username/password").handler(authenticated).handler(this::resetPassword);
    }

    private void list(RoutingContext ctx) {
        String tenantId = ctx.queryParams().get("tenantId");
        Responses.json(ctx, vertx.executeBlocking(() -> {
            ListRequest request = limits.request(AlertRoutes.params(ctx), clock.instant(), String.class);
            Page<UserView> page = auth.users().list(AuthRoutes.actor(ctx), tenantId, request);
            return new JsonObject().put("users", new JsonArray(page.items().stream().map(UserRoutes::json).toList()))
                    .put("nextCursor", page.nextCursor());
        }, false));
    }

    /** 201 with the user, and {@code password} when one was generated (shown this once). */
    private void create(RoutingContext ctx) {
        JsonObject body = AuthRoutes.jsonBody(ctx, "body must be a JSON object describing the user");
        requireOnly(body, CREATE_FIELDS);
        NewUser request = new NewUser(text(body, "username", true), text(body, "displayName", false),
                text(body, "tenantId", false), roles(body.getValue("roles"), true),
                strings(body.getValue("communityIds"), "communityIds"), text(body, "password", false));
        onPasswordPool(() -> auth.users().create(AuthRoutes.actor(ctx), request))
                .onSuccess(created -> {
                    JsonObject answer = json(created.user());
                    if (created.generatedPassword() != null) {
                        answer.put("password", created.generatedPassword());
                    }
                    Responses.json(ctx, 201, answer);
                })
                .onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        String username = ctx.pathParam("username");
        Responses.json(ctx, vertx.executeBlocking(() -> json(auth.users().get(AuthRoutes.actor(ctx), username)), false));
    }

    private void change(RoutingContext ctx) {
        JsonObject body = AuthRoutes.jsonBody(ctx, "body must be a JSON object with the fields to change");
        requireOnly(body, CHANGE_FIELDS);
        if (body.containsKey("enabled") && !(body.getValue("enabled") instanceof Boolean)) {
            throw ClientError.badRequest("'enabled' must be true or false");
        }
        UserChange change = new UserChange(text(body, "displayName", false),
                body.containsKey("roles") ? roles(body.getValue("roles"), false) : null,
                body.containsKey("communityIds") ? strings(body.getValue("communityIds"), "communityIds") : null,
                body.getBoolean("enabled"));
        String username = ctx.pathParam("username");
        Responses.json(ctx, vertx.executeBlocking(
                () -> json(auth.users().update(AuthRoutes.actor(ctx), username, change)), false));
    }

    /** {@code {"password": ...}}, or an empty body to generate one (answered once). */
    private void resetPassword(RoutingContext ctx) {
        JsonObject body = ctx.body() == null || ctx.body().length() == 0 ? new JsonObject()
                : AuthRoutes.jsonBody(ctx, "body must be a JSON object, {\"password\": ...} or {}");
        requireOnly(body, Set.of("password"));
        String password = text(body, "password", false);
        String username = ctx.pathParam("username");
        onPasswordPool(() -> auth.users().resetPassword(AuthRoutes.actor(ctx), username, password))
                .onSuccess(generated -> {
                    JsonObject answer = new JsonObject().put("username", username);
                    if (generated != null) {
                        answer.put("password", generated);
                    }
                    Responses.json(ctx, 200, answer);
                })
                .onFailure(ctx::fail);
    }

    private <T> Future<T> onPasswordPool(Callable<T> work) {
        return Future.fromCompletionStage(auth.passwordChecks().submit(work), vertx.getOrCreateContext());
    }

    static JsonObject json(UserView user) {
        return new JsonObject()
                .put("username", user.username())
                .put("displayName", user.displayName())
                .put("tenantId", user.tenantId())
                .put("roles", user.roles().stream().map(Role::wireName).sorted().toList())
                .put("communityIds", user.communityIds().stream().sorted().toList())
                .put("enabled", user.enabled())
                .put("createdAt", user.createdAt() == null ? null : user.createdAt().toString());
    }

    private static void requireOnly(JsonObject body, Set<String> allowed) {
        for (String field : body.fieldNames()) {
            if (!allowed.contains(field)) {
                throw ClientError.badRequest("unknown field '" + field + "'; allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    private static String text(JsonObject body, String field, boolean required) {
        Object value = body.getValue(field);
        if (value == null && !required) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw ClientError.badRequest("'" + field + "' must be " + (required ? "given as " : "") + "text");
        }
        return text;
    }

    private static Set<Role> roles(Object value, boolean required) {
        if (value == null && !required) {
            return Set.of();
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : strings(value, "roles")) {
            roles.add(Role.fromWireName(name).orElseThrow(() -> ClientError.badRequest("unknown role '" + name
                    + "'; roles: platform_admin, property_admin, operator, technician, fire_brigade, resident")));
        }
        return roles;
    }

    private static Set<String> strings(Object value, String field) {
        if (value == null) {
            return Set.of();
        }
        if (!(value instanceof JsonArray array) || array.stream().anyMatch(v -> !(v instanceof String))) {
            throw ClientError.badRequest("'" + field + "' must be a list of text");
        }
        Set<String> values = new LinkedHashSet<>();
        array.forEach(v -> values.add((String) v));
        return values;
    }
}
