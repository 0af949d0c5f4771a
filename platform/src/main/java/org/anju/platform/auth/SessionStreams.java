package org.anju.platform.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the live streams (server-sent events) a session opened when the session does: when it is
 * logged out or expires, when its user is disabled, or when the user's tenant, roles or
 * communities change (the client reconnects and gets what it may see now, or a 401).
 * <p>
 * A change made through this process ends the streams at once; one made by another process, within
 * {@code checkInterval}, when each watched session is read again. A stream is ended by closing its
 * connection, which runs the stream's own clean-up.
 */
public final class SessionStreams {

    private static final Logger LOG = LoggerFactory.getLogger(SessionStreams.class);

    private record Watch(Session session, HttpServerResponse response, Context context, long expiryTimer) {
    }

    private final Vertx vertx;
    private final Sessions sessions;
    private final Duration checkInterval;
    private final Clock clock;
    private final Map<String, Set<Watch>> bySession = new ConcurrentHashMap<>();
    private long timer = -1;

    SessionStreams(Vertx vertx, Sessions sessions, Duration checkInterval, Clock clock) {
        this.vertx = vertx;
        this.sessions = sessions;
        this.checkInterval = checkInterval;
        this.clock = clock;
    }

    /**
     * Watches a stream a session opened; call on the request's context once the stream is open.
     */
    public void watch(Session session, HttpServerResponse response) {
        long untilExpiry = Math.max(1, Duration.between(clock.instant(), session.expiresAt()).toMillis());
        Context context = vertx.getOrCreateContext();
        Watch[] watch = new Watch[1];
        long expiryTimer = vertx.setTimer(untilExpiry, id -> end(watch[0], "expired"));
        watch[0] = new Watch(session, response, context, expiryTimer);
        bySession.computeIfAbsent(session.id(), id -> ConcurrentHashMap.newKeySet()).add(watch[0]);
    }

    /** Returns how many open streams are watched. */
    public int watched() {
        return bySession.values().stream().mapToInt(Set::size).sum();
    }

    /** Starts checking the watched sessions every {@code checkInterval}; idempotent. */
    synchronized void start() {
        if (timer >= 0) {
            return;
        }
        sessions.onUserChanged(this::recheck);
        timer = vertx.setPeriodic(checkInterval.toMillis(), id -> checkAll());
    }

    /** Stops checking; idempotent. Open streams stay open (the HTTP server closes them). */
    synchronized void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    private void checkAll() {
        bySession.forEach((id, watches) -> {
            watches.removeIf(w -> {
                boolean closed = w.response().closed();
                if (closed) {
                    vertx.cancelTimer(w.expiryTimer());
                }
                return closed;
            });
            if (watches.isEmpty()) {
                bySession.remove(id, watches);
            } else {
                check(id);
            }
        });
    }

    private void recheck(String username) {
        bySession.forEach((id, watches) -> {
            if (watches.stream().anyMatch(w -> w.session().user().username().equals(username))) {
                check(id);
            }
        });
    }

    private void check(String sessionId) {
        sessions.reload(sessionId).onComplete(read -> {
            if (read.failed()) {
                // the database cannot say: keep the streams and ask again at the next check
                LOG.debug("session of open streams not checked: {}", read.cause().getMessage());
                return;
            }
            Optional<Session> now = read.result();
            for (Watch w : List.copyOf(bySession.getOrDefault(sessionId, Set.of()))) {
                if (now.isEmpty()) {
                    end(w, "session ended");
                } else if (!now.get().sameRights(w.session())) {
                    end(w, "rights changed");
                }
            }
        });
    }

    private void end(Watch watch, String reason) {
        if (watch == null) {
            // expired before it was registered: the next check finds the session gone
            return;
        }
        Set<Watch> watches = bySession.get(watch.session().id());
        if (watches == null || !watches.remove(watch)) {
            return;
        }
        if (watches.isEmpty()) {
            bySession.remove(watch.session().id(), watches);
        }
        vertx.cancelTimer(watch.expiryTimer());
        LOG.debug("closing a stream [user: {}, reason: {}]", watch.session().user().username(), reason);
        watch.context().runOnContext(v -> {
            if (!watch.response().closed()) {
                watch.response().close();
            }
        });
    }
}
