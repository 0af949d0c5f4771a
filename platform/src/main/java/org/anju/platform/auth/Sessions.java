package org.anju.platform.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import org.anju.error.ClientError;
import org.anju.platform.audit.AuditEntry;
import org.anju.platform.audit.AuditLog;
import org.anju.platform.storage.UnitOfWork;

/**
 * Server-side sessions: opened at log-in, looked up on every request, ended by log-out (or by
 * disabling the user, or resetting their password).
 * <p>
 * A request gets the user as they are now: this process remembers a session's user for at most
 * {@code checkInterval} and then reads it again, so that another process's change (roles,
 * communities, a disabled user, an ended session) takes effect within that interval. Changes made
 * through this process take effect at once ({@link #userChanged}, {@link #end}).
 */
public final class Sessions {

    private static final String ENDED = "session ended: log in again";

    /** A new session and the token that names it. */
    public record Opened(String token, Session session) {
    }

    private record Cached(Future<Optional<Session>> session, long loadedAtNanos) {
    }

    private final Vertx vertx;
    private final UnitOfWork db;
    private final SessionTokens tokens;
    private final Duration ttl;
    private final Duration checkInterval;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final List<Consumer<String>> userChangeListeners = new CopyOnWriteArrayList<>();

    Sessions(Vertx vertx, UnitOfWork db, SessionTokens tokens, Duration ttl, Duration checkInterval, Clock clock) {
        this.vertx = vertx;
        this.db = db;
        this.tokens = tokens;
        this.ttl = ttl;
        this.checkInterval = checkInterval;
        this.clock = clock;
    }

    /** Returns how long a session lasts. */
    public Duration ttl() {
        return ttl;
    }

    /**
     * Opens a session for a user whose password was checked, and writes the log-in to the audit
     * log in the same transaction. Blocks on JDBC.
     *
     * @throws org.anju.error.ServerError 503 when the database fails
     */
    public Opened open(Principal user, String sourceAddress) {
        String id = SessionTokens.newSessionId();
        Instant expiresAt = SessionTokens.expiryOf(clock.instant(), ttl);
        db.inTransaction("sessions", tx -> {
            SessionStore.insert(tx, id, user.username(), expiresAt, sourceAddress);
            AuditLog.write(tx, AuditEntry.of("login", user.username(), user.tenantId(), sourceAddress, user.username()));
            return null;
        });
        Session session = new Session(id, user, expiresAt);
        cache.put(id, new Cached(Future.succeededFuture(Optional.of(session)), System.nanoTime()));
        return new Opened(tokens.issue(id, user.username(), ttl), session);
    }

    /**
     * Returns the live session a token names, with the user's current rights.
     *
     * @return fails with {@link ClientError} 401 for a bad or expired token or a session that has
     *         ended (log-out, user disabled); with a 503 when the database cannot be read
     */
    public Future<Session> current(String token) {
        return tokens.verify(token)
                .compose(claims -> cached(claims.sessionId())
                        .compose(found -> found.filter(s -> s.user().username().equals(claims.username()))
                                .filter(s -> s.expiresAt().isAfter(clock.instant()))
                                .map(Future::succeededFuture)
                                .orElseGet(() -> Future.failedFuture(ClientError.unauthorized(ENDED)))));
    }

    /** Reads a session again now, whatever this process remembers of it. */
    Future<Optional<Session>> reload(String sessionId) {
        Cached fresh = new Cached(load(sessionId), System.nanoTime());
        cache.put(sessionId, fresh);
        return fresh.session();
    }

    /**
     * Ends a session (log-out) and writes it to the audit log in the same transaction. Blocks on JDBC.
     *
     * @throws org.anju.error.ServerError 503 when the database fails
     */
    public void end(Session session, String sourceAddress) {
        Principal user = session.user();
        db.inTransaction("sessions", tx -> {
            SessionStore.delete(tx, session.id());
            AuditLog.write(tx, AuditEntry.of("logout", user.username(), user.tenantId(), sourceAddress,
                    user.username()));
            tx.afterCommit(() -> userChanged(user.username()));
            return null;
        });
    }

    /**
     * Forgets what this process remembers of a user's sessions, so that the next request reads the
     * user as they are now, and tells the listeners (open streams are checked at once).
     */
    public void userChanged(String username) {
        cache.values().removeIf(c -> !c.session().isComplete()
                || c.session().result() == null
                || c.session().result().map(s -> s.user().username().equals(username)).orElse(true));
        userChangeListeners.forEach(listener -> listener.accept(username));
    }

    /** Calls the listener with the user name whenever a user changed through this process. */
    void onUserChanged(Consumer<String> listener) {
        userChangeListeners.add(listener);
    }

    /** Removes expired sessions from the database and from memory, and stale ones from memory. Blocks on JDBC. */
    int removeExpired() {
        long staleBefore = System.nanoTime() - checkInterval.toNanos();
        cache.values().removeIf(c -> c.loadedAtNanos() < staleBefore);
        Instant now = clock.instant();
        List<String> removed = db.inTransaction("sessions", tx -> SessionStore.deleteExpired(tx, now));
        removed.forEach(cache::remove);
        return removed.size();
    }

    private Future<Optional<Session>> cached(String sessionId) {
        long now = System.nanoTime();
        Cached entry = cache.compute(sessionId, (id, old) -> old != null && now - old.loadedAtNanos() < checkInterval.toNanos()
                ? old : new Cached(load(id), now));
        // a failed read is not remembered: the next request tries again
        return entry.session().onFailure(cause -> cache.remove(sessionId, entry));
    }

    private Future<Optional<Session>> load(String sessionId) {
        return vertx.executeBlocking(() -> find(sessionId), false);
    }

    private Optional<Session> find(String sessionId) {
        Instant now = clock.instant();
        return db.read("sessions", tx -> {
            Optional<SessionStore.Live> live = SessionStore.live(tx, sessionId, now);
            if (live.isEmpty()) {
                return Optional.<Session>empty();
            }
            return UserStore.find(tx, live.get().username())
                    .map(user -> new Session(sessionId, user.view().principal(), live.get().expiresAt()));
        });
    }
}
