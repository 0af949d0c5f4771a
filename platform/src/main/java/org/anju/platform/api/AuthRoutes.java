package org.anju.platform.api;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import org.anju.error.ClientError;
import org.anju.error.ServerError;
import org.anju.platform.audit.AuditEntry;
import org.anju.platform.auth.Actor;
import org.anju.platform.auth.AuthServices;
import org.anju.platform.auth.LoginThrottle;
import org.anju.platform.auth.PasswordPolicy;
import org.anju.platform.auth.Principal;
import org.anju.platform.auth.Role;
import org.anju.platform.auth.Session;

/**
 * Log-in, log-out, the current user, changing one's own password, and the authentication every
 * other API route requires.
 * <p>
 * A session token is accepted from {@code Authorization: Bearer} (integrations) or from the
 * {@code anju_token} cookie (the dashboards; HttpOnly and SameSite=Strict, so scripts cannot read
 * it and other sites cannot send it; Secure over HTTPS). Each request gets the session's user as
 * they are now; a token whose session ended (log-out, user disabled, password reset) is refused
 * with 401.
 */
final class AuthRoutes {

    static final String COOKIE = "anju_token";
    private static final String SESSION = "anju.session";
    private static final int MAX_CREDENTIAL_LENGTH = 256;
    /** Two credentials of at most 256 characters each, in JSON, fit with room to spare. */
    private static final long MAX_LOGIN_BODY_BYTES = 8 * 1024;

    private final Vertx vertx;
    private final AuthServices auth;

    AuthRoutes(Vertx vertx, AuthServices auth) {
        this.vertx = vertx;
        this.auth = auth;
    }

    void mount(Router router) {
        router.post("/api/v1/auth/login").handler(BodyHandler.create(false).setBodyLimit(MAX_LOGIN_BODY_BYTES))
                .handler(this::login);
        router.post("/api/v1/auth/logout").handler(this::logout);
        router.get("/api/v1/me").handler(this::authenticate).handler(this::me);
        router.post("/api/v1/me/password").handler(authenticateThenRead(BodyHandler.create(false)
                .setBodyLimit(MAX_LOGIN_BODY_BYTES))).handler(this::changePassword);
    }

    /** Requires a live session; puts it (and so its user, see {@link #principal}) on the request. The body, if any, is not read. */
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
        auth.sessions().current(token)
                .onSuccess(session -> {
                    ctx.put(SESSION, session);
                    then.run();
                })
                .onFailure(ctx::fail);
    }

    /** Returns the user of an {@linkplain #authenticate(RoutingContext) authenticated} request. */
    static Principal principal(RoutingContext ctx) {
        return session(ctx).user();
    }

    /** Returns the session of an {@linkplain #authenticate(RoutingContext) authenticated} request. */
    static Session session(RoutingContext ctx) {
        return ctx.get(SESSION);
    }

    /** Returns the request's peer address (what log-in throttling and the audit log go by). */
    static String sourceAddress(RoutingContext ctx) {
        SocketAddress remote = ctx.request().remoteAddress();
        return remote == null ? null : remote.hostAddress();
    }

    /** Returns the user of an authenticated request as the actor of a change. */
    static Actor actor(RoutingContext ctx) {
        return new Actor(principal(ctx), sourceAddress(ctx));
    }

    /** Returns an audit entry of an action by the request's user, concerning the user's tenant until told otherwise. */
    static AuditEntry audit(RoutingContext ctx, String action, String target) {
        Principal user = principal(ctx);
        return AuditEntry.of(action, user.username(), user.tenantId(), sourceAddress(ctx), target);
    }

    private void login(RoutingContext ctx) {
        JsonObject body = jsonBody(ctx, "body must be a JSON object with username and password");
        String username = body.getValue("username") instanceof String s ? s.strip() : null;
        String password = body.getValue("password") instanceof String s ? s : null;
        if (username == null || password == null || username.isEmpty() || password.isEmpty()
                || username.length() > MAX_CREDENTIAL_LENGTH || password.length() > MAX_CREDENTIAL_LENGTH) {
            throw ClientError.badRequest("username and password are required strings of at most "
                    + MAX_CREDENTIAL_LENGTH + " characters");
        }
        PasswordPolicy.requireWithinBytes(password);
        String address = sourceAddress(ctx);
        LoginThrottle.Admission admission = auth.logins().admit(username, address);
        if (admission instanceof LoginThrottle.Refused refused) {
            ctx.response().putHeader("Retry-After", Long.toString(refused.retryAfterSeconds()));
            throw new ClientError(ClientError.TOO_MANY_REQUESTS, (refused.locked()
                    ? "too many failed log-ins for this user name or address: locked"
                    : "log-in attempts too fast after failures") + "; try again in " + refused.retryAfterSeconds()
                    + " s");
        }
        auth.logins().check(((LoginThrottle.Admitted) admission).attempt(), username, password, address)
                .onSuccess(opened -> {
                    ctx.response().addCookie(sessionCookie(ctx, opened.token(), auth.sessions().ttl().toSeconds()));
                    Responses.json(ctx, 200, new JsonObject().put("token", opened.token())
                            .put("user", userJson(opened.session().user())));
                })
                .onFailure(cause -> {
                    if (cause instanceof ServerError e && e.code() == ServerError.UNAVAILABLE) {
                        ctx.response().putHeader("Retry-After", "1");
                    }
                    ctx.fail(cause);
                });
    }

    /** Ends the session of the token, if it is live; always clears the cookie (logging out twice is fine). */
    private void logout(RoutingContext ctx) {
        String token = bearerToken(ctx);
        Future<Void> ended = token == null ? Future.succeededFuture()
                : auth.sessions().current(token)
                        .compose(session -> vertx.<Void>executeBlocking(() -> {
                            auth.sessions().end(session, sourceAddress(ctx));
                            return null;
                        }, false))
                        .recover(cause -> cause instanceof ClientError ? Future.succeededFuture()
                                : Future.failedFuture(cause));
        ended.onSuccess(v -> ctx.response().addCookie(sessionCookie(ctx, "", 0)).setStatusCode(204).end())
                .onFailure(ctx::fail);
    }

    private void me(RoutingContext ctx) {
        Responses.json(ctx, 200, userJson(principal(ctx)));
    }

    /** {@code {"currentPassword": ..., "newPassword": ...}}; the user's other sessions end. */
    private void changePassword(RoutingContext ctx) {
        JsonObject body = jsonBody(ctx, "body must be a JSON object with currentPassword and newPassword");
        if (!(body.getValue("currentPassword") instanceof String current)
                || !(body.getValue("newPassword") instanceof String next)) {
            throw ClientError.badRequest("'currentPassword' and 'newPassword' are required strings");
        }
        PasswordPolicy.requireWithinBytes(current);
        Session session = session(ctx);
        String address = sourceAddress(ctx);
        Future.fromCompletionStage(auth.passwordChecks().submit(() -> {
            auth.users().changeOwnPassword(session, address, current, next);
            return null;
        }), vertx.getOrCreateContext()).onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
    }

    /** Returns the request's JSON object body. @throws ClientError 400 with the message when it is none */
    static JsonObject jsonBody(RoutingContext ctx, String message) {
        try {
            JsonObject body = ctx.body().asJsonObject();
            if (body != null) {
                return body;
            }
        } catch (DecodeException | ClassCastException e) {
            // answered below
        }
        throw ClientError.badRequest(message);
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
