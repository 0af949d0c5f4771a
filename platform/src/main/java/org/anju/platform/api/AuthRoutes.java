package org.anju.platform.api;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import org.anju.error.ClientError;
import org.anju.platform.auth.Principal;
import org.anju.platform.auth.Role;
import org.anju.platform.auth.SessionTokens;
import org.anju.platform.auth.UserDirectory;

/**
 * Log-in, log-out and the authentication every other API route requires.
 * <p>
 * A session token is accepted from {@code Authorization: Bearer} (integrations) or from the
 * {@code anju_token} cookie (the dashboards; HttpOnly and SameSite=Strict, so scripts cannot read
 * it and other sites cannot send it; Secure over HTTPS).
 */
final class AuthRoutes {

    static final String COOKIE = "anju_token";
    private static final String PRINCIPAL = "anju.principal";
    private static final int MAX_CREDENTIAL_LENGTH = 256;
    /** Two credentials of at most 256 characters each, in JSON, fit with room to spare. */
    private static final long MAX_LOGIN_BODY_BYTES = 8 * 1024;

    private final Vertx vertx;
    private final UserDirectory users;
    private final SessionTokens tokens;

    AuthRoutes(Vertx vertx, UserDirectory users, SessionTokens tokens) {
        this.vertx = vertx;
        this.users = users;
        this.tokens = tokens;
    }

    void mount(Router router) {
        router.post("/api/v1/auth/login").handler(BodyHandler.create(false).setBodyLimit(MAX_LOGIN_BODY_BYTES))
                .handler(this::login);
        router.post("/api/v1/auth/logout").handler(this::logout);
        router.get("/api/v1/me").handler(this::authenticate).handler(this::me);
    }

    /** Requires a valid session; puts its {@link Principal} on the request. The body, if any, is not read. */
    void authenticate(RoutingContext ctx) {
        authenticate(ctx, () -> {
            if (!ctx.request().isEnded()) {
                ctx.request().resume();
            }
            ctx.next();
        });
    }

    /**
     * Returns a handler that requires a valid session before it reads a single byte of the body,
     * then reads the body with {@code body} (which enforces its size limit): a request without a
     * session is answered 401 while its body is still unread.
     */
    Handler<RoutingContext> authenticateThenRead(BodyHandler body) {
        return ctx -> authenticate(ctx, () -> body.handle(ctx));
    }

    private void authenticate(RoutingContext ctx, Runnable then) {
        String token = bearerToken(ctx);
        if (token == null) {
            ctx.fail(ClientError.unauthorized("log in first: no session token"));
            return;
        }
        // hold the body back while the token is checked; whoever goes on resumes it
        if (!ctx.request().isEnded()) {
            ctx.request().pause();
        }
        tokens.verify(token)
                .onSuccess(principal -> {
                    ctx.put(PRINCIPAL, principal);
                    then.run();
                })
                .onFailure(ctx::fail);
    }

    /** Returns the user of an {@linkplain #authenticate(RoutingContext) authenticated} request. */
    static Principal principal(RoutingContext ctx) {
        return ctx.get(PRINCIPAL);
    }

    private void login(RoutingContext ctx) {
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            ctx.fail(ClientError.badRequest("body must be a JSON object with username and password"));
            return;
        }
        String username = body == null ? null : body.getValue("username") instanceof String s ? s : null;
        String password = body == null ? null : body.getValue("password") instanceof String s ? s : null;
        if (username == null || password == null || username.isBlank() || password.isEmpty()
                || username.length() > MAX_CREDENTIAL_LENGTH || password.length() > MAX_CREDENTIAL_LENGTH) {
            ctx.fail(ClientError.badRequest("username and password are required strings of at most "
                    + MAX_CREDENTIAL_LENGTH + " characters"));
            return;
        }
        vertx.executeBlocking(() -> users.authenticate(username.strip(), password), false)
                .onSuccess(principal -> {
                    String token = tokens.issue(principal);
                    ctx.response().addCookie(sessionCookie(ctx, token, tokens.ttl().toSeconds()));
                    Responses.json(ctx, 200, new JsonObject().put("token", token).put("user", userJson(principal)));
                })
                .onFailure(ctx::fail);
    }

    private void logout(RoutingContext ctx) {
        ctx.response().addCookie(sessionCookie(ctx, "", 0)).setStatusCode(204).end();
    }

    private void me(RoutingContext ctx) {
        Responses.json(ctx, 200, userJson(principal(ctx)));
    }

    /** Returns the session token of the request (header or cookie), null when there is none. */
    static String bearerToken(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).strip();
        }
        Cookie cookie = ctx.request().getCookie(COOKIE);
        return cookie == null || cookie.getValue().isEmpty() ? null : cookie.getValue();
    }

    /** Over HTTPS the cookie is Secure: the browser never sends it over plain HTTP. */
    private static Cookie sessionCookie(RoutingContext ctx, String value, long maxAgeSeconds) {
        return Cookie.cookie(COOKIE, value)
                .setPath("/")
                .setSecure(ctx.request().isSSL())
                .setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT)
                .setMaxAge(maxAgeSeconds);
    }

    static JsonObject userJson(Principal p) {
        return new JsonObject()
                .put("username", p.username())
                .put("displayName", p.displayName())
                .put("tenantId", p.tenantId())
                .put("roles", p.roles().stream().map(Role::wireName).sorted().toList())
                .put("communityIds", p.communityIds().stream().sorted().toList());
    }
}
