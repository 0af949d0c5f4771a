package org.anju.platform.api;

import java.time.Duration;

import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import org.anju.error.ClientError;
import org.anju.platform.auth.Principal;
import org.anju.platform.auth.Session;
import org.anju.platform.auth.SessionStreams;
import org.anju.platform.delivery.FeedFilter;
import org.anju.platform.delivery.FeedHub;

/**
 * {@code GET /api/v1/feed}: the live notification feed as server-sent events, resumable with
 * {@code Last-Event-ID} or {@code ?after=} (see docs/delivery.md). A stream ends with the session
 * that opened it: at its expiry, at log-out, or when the user is disabled or their rights change.
 */
final class FeedRoutes {

    private final FeedHub hub;
    private final SessionStreams streams;
    private final Duration maxCatchUp;

    /** @param maxCatchUp how old the first notification a resuming client is sent may be ({@code limits.feedMaxCatchUp}) */
    FeedRoutes(FeedHub hub, SessionStreams streams, Duration maxCatchUp) {
        this.hub = hub;
        this.streams = streams;
        this.maxCatchUp = maxCatchUp;
    }

    void mount(Router router, Handler<RoutingContext> authenticated) {
        router.get("/api/v1/feed").handler(authenticated).handler(this::feed);
    }

    private void feed(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        FeedFilter filter = FeedFilter.of(user).orElse(null);
        if (filter == null) {
            ctx.fail(ClientError.forbidden(user.username() + " has no notification feed"));
            return;
        }
        String header = ctx.request().getHeader("Last-Event-ID");
        String query = ctx.queryParams().get("after");
        Long cursor;
        try {
            cursor = header != null && !header.isBlank() ? position("Last-Event-ID", header)
                    : query != null ? position("after", query) : null;
        } catch (ClientError e) {
            ctx.fail(e);
            return;
        }
        // the stream ends when the session does: the client reconnects and must log in again
        Session session = AuthRoutes.session(ctx);
        hub.open(ctx.response(), filter, cursor, session.expiresAt(), maxCatchUp)
                .onSuccess(v -> streams.watch(session, ctx.response()))
                .onFailure(ctx::fail);
    }

    private static Long position(String name, String value) {
        try {
            long id = Long.parseLong(value.strip());
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ClientError.badRequest("'" + name + "' must be a notification id (a whole number from 0), not '"
                + value + "'");
    }
}
