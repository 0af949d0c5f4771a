package org.anju.platform.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.platform.config.AnjuConfig;

/**
 * One connected feed client: pulls the notifications after its cursor from the hub's recent ones
 * or from the database and writes them as server-sent events, on its connection's context.
 * <p>
 * It writes only while the connection's queue has room; when the queue stays full for the slow-client
 * timeout, the client is cut off and resumes later with {@code Last-Event-ID}.
 */
final class FeedClient {

    private static final Logger LOG = LoggerFactory.getLogger(FeedClient.class);
    private static final int BATCH = 100;
    private static final String RETRY_MS = "3000";

    private final FeedHub hub;
    private final Vertx vertx;
    private final NotificationReader reader;
    private final AnjuConfig.Feed settings;
    private final HttpServerResponse response;
    private final FeedFilter filter;
    private final Context context;
    private final Instant endAt;
    // everything up to the cursor has been sent or was not for this client
    private long cursor;
    private boolean fetching;
    private boolean closed;
    private long heartbeatTimer = -1;
    private long cutOffTimer = -1;
    private long endTimer = -1;

    FeedClient(FeedHub hub, Vertx vertx, NotificationReader reader, AnjuConfig.Feed settings,
            HttpServerResponse response, FeedFilter filter, long cursor, Instant endAt) {
        this.hub = hub;
        this.vertx = vertx;
        this.reader = reader;
        this.settings = settings;
        this.response = response;
        this.filter = filter;
        this.cursor = cursor;
        this.endAt = endAt;
        this.context = vertx.getOrCreateContext();
    }

    void open() {
        response.setChunked(true)
                .setWriteQueueMaxSize(settings.clientBufferBytes())
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                // compression would hold events back until a compressor block fills
                .putHeader("Content-Encoding", "identity")
                .putHeader("X-Accel-Buffering", "no");
        response.closeHandler(v -> closed());
        // an id without data sets the browser's Last-Event-ID without dispatching an event, so a
        // client that saw nothing yet still resumes from here
        response.write("retry: " + RETRY_MS + "\nid: " + cursor + "\n\n");
        heartbeatTimer = vertx.setPeriodic(settings.heartbeatInterval().toMillis(), id -> heartbeat());
        long untilEnd = Math.max(1, Duration.between(Instant.now(), endAt).toMillis());
        endTimer = vertx.setTimer(untilEnd, id -> end());
        pump();
    }

    /** Looks for new notifications; callable from any thread. */
    void wake() {
        context.runOnContext(v -> pump());
    }

    /** Closes the connection; the client resumes with Last-Event-ID. */
    void disconnect() {
        context.runOnContext(v -> {
            if (!closed) {
                closed();
                response.close();
            }
        });
    }

    private void pump() {
        while (!closed && !fetching) {
            if (response.writeQueueFull()) {
                awaitDrain();
                return;
            }
            FeedHub.Recent recent = hub.recentAfter(cursor, filter, BATCH);
            if (recent == null) {
                fetch();
                return;
            }
            if (recent.upTo() <= cursor) {
                return;
            }
            List<StoredNotification> matching = recent.matching();
            int written = send(matching);
            cursor = written == matching.size() ? recent.upTo() : lastSent(matching, written);
        }
    }

    /** Reads from the database what the hub no longer holds: a resumed or lagging client. */
    private void fetch() {
        fetching = true;
        long from = cursor;
        long upTo = hub.recentBase();
        vertx.executeBlocking(() -> reader.after(from, upTo, filter, FeedHub.PAGE), false).onComplete(read -> {
            fetching = false;
            if (closed) {
                return;
            }
            if (read.failed()) {
                LOG.warn("feed client disconnected: cannot read notifications: {}", read.cause().getMessage());
                closed();
                response.close();
                return;
            }
            List<StoredNotification> page = read.result();
            int written = send(page);
            cursor = written < page.size() ? lastSent(page, written)
                    : page.size() < FeedHub.PAGE ? upTo : page.get(page.size() - 1).id();
            pump();
        });
    }

    /** Writes notifications while the connection's queue has room; returns how many were written. */
    private int send(List<StoredNotification> notifications) {
        int written = 0;
        for (StoredNotification n : notifications) {
            if (response.writeQueueFull()) {
                break;
            }
            response.write("id: " + n.id() + "\nevent: notification\ndata: " + n.toJson().encode() + "\n\n");
            written++;
        }
        return written;
    }

    private long lastSent(List<StoredNotification> notifications, int written) {
        return written == 0 ? cursor : notifications.get(written - 1).id();
    }

    private void awaitDrain() {
        if (cutOffTimer >= 0) {
            return;
        }
        response.drainHandler(v -> {
            vertx.cancelTimer(cutOffTimer);
            cutOffTimer = -1;
            pump();
        });
        cutOffTimer = vertx.setTimer(settings.slowClientTimeout().toMillis(), id -> {
            cutOffTimer = -1;
            if (!closed) {
                hub.cutOff(this);
            }
        });
    }

    /** Ends the stream cleanly: the session it was opened with has expired. */
    private void end() {
        if (!closed) {
            closed();
            response.end();
        }
    }

    private void heartbeat() {
        if (!closed && !response.writeQueueFull()) {
            response.write(": keep-alive\n\n");
        }
    }

    private void closed() {
        if (closed) {
            return;
        }
        closed = true;
        vertx.cancelTimer(heartbeatTimer);
        vertx.cancelTimer(endTimer);
        if (cutOffTimer >= 0) {
            vertx.cancelTimer(cutOffTimer);
        }
        hub.closed(this);
    }
}
