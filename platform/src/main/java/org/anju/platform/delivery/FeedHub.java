package org.anju.platform.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.error.ClientError;
import org.anju.platform.config.AnjuConfig;
import org.anju.platform.notify.Outbox;
import org.anju.platform.query.QueryParams;

/**
 * The live notification feed of this process: one reader of the outbox shared by every connected
 * client, which keeps the most recent notifications in memory and wakes the clients.
 * <p>
 * It reads at once when {@link Outbox#COMMITTED_ADDRESS} is published and otherwise every
 * poll interval (other processes may append). Each client pulls at its own pace from the recent
 * notifications, or from the database when it is further behind (a resumed or slow client), so a
 * slow client never makes the hub hold more than {@value #RECENT_CAPACITY} notifications.
 */
public final class FeedHub {

    static final int RECENT_CAPACITY = 2048;
    static final int PAGE = 500;
    private static final Logger LOG = LoggerFactory.getLogger(FeedHub.class);

    /** Recent notifications after a cursor that a filter lets through, and how far they were examined. */
    record Recent(List<StoredNotification> matching, long upTo) {
    }

    private final Vertx vertx;
    private final NotificationReader reader;
    private final AnjuConfig.Feed settings;
    private final Counter cutOff;
    private final Set<FeedClient> clients = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean reading = new AtomicBoolean();
    private final AtomicBoolean readAgain = new AtomicBoolean();
    // guarded by this: every notification with id in (recentBase, head] is in recent
    private final ArrayDeque<StoredNotification> recent = new ArrayDeque<>();
    private long recentBase;
    private long head;
    private MessageConsumer<Object> wakeUps;
    private long pollTimer = -1;

    public FeedHub(Vertx vertx, NotificationReader reader, AnjuConfig.Feed settings, MeterRegistry meters) {
        this.vertx = vertx;
        this.reader = reader;
        this.settings = settings;
        this.cutOff = Counter.builder("anju.feed.clients.cut.off")
                .description("feed clients disconnected because they did not read fast enough").register(meters);
        meters.gauge("anju.feed.clients", clients, Set::size);
    }

    /** Starts from the newest notification; fails when the database cannot be read. */
    public Future<Void> start() {
        return vertx.executeBlocking(reader::head, false).onSuccess(newest -> {
            synchronized (this) {
                head = newest;
                recentBase = newest;
            }
            wakeUps = vertx.eventBus().consumer(Outbox.COMMITTED_ADDRESS, message -> refresh());
            pollTimer = vertx.setPeriodic(settings.pollInterval().toMillis(), id -> refresh());
        }).mapEmpty();
    }

    /** Stops reading and disconnects the clients; idempotent. */
    public void stop() {
        if (wakeUps != null) {
            wakeUps.unregister();
            wakeUps = null;
        }
        if (pollTimer >= 0) {
            vertx.cancelTimer(pollTimer);
            pollTimer = -1;
        }
        clients.forEach(FeedClient::disconnect);
    }

    /**
     * Streams notifications to a client as server-sent events, from after {@code cursor} (after the
     * newest committed notification when null) until the client goes away or {@code endAt} (its
     * session's expiry) comes. Call on the request's context.
     *
     * @param maxCatchUp how old the first notification after the cursor may be
     * @return fails (before anything was written) with a 400 naming the limit when the cursor is
     *         further back than {@code maxCatchUp}, or when the database cannot be read
     */
    public Future<Void> open(HttpServerResponse response, FeedFilter filter, Long cursor, Instant endAt,
            Duration maxCatchUp) {
        Future<Long> start = cursor != null ? vertx.executeBlocking(() -> withinCatchUp(cursor, maxCatchUp), false)
                : vertx.executeBlocking(reader::head, false);
        return start.map(position -> {
            FeedClient client = new FeedClient(this, vertx, reader, settings, response, filter, position, endAt);
            clients.add(client);
            client.open();
            return null;
        });
    }

    private long withinCatchUp(long cursor, Duration maxCatchUp) {
        reader.createdAfter(cursor).ifPresent(first -> {
            Duration back = Duration.between(first, Instant.now());
            if (back.compareTo(maxCatchUp) > 0) {
                throw ClientError.badRequest("the notifications after resume position " + cursor + " go back "
                        + QueryParams.describe(back.truncatedTo(ChronoUnit.SECONDS)) + ", over the maximum catch-up of "
                        + QueryParams.describe(maxCatchUp) + " for the feed (header 'Last-Event-ID' or parameter"
                        + " 'after'): reconnect without it, and read older records from the lists");
            }
        });
        return cursor;
    }

    void closed(FeedClient client) {
        clients.remove(client);
    }

    void cutOff(FeedClient client) {
        cutOff.increment();
        LOG.info("feed client cut off: it did not read for {} [queued bytes over {}]", settings.slowClientTimeout(),
                settings.clientBufferBytes());
        client.disconnect();
    }

    synchronized long head() {
        return head;
    }

    synchronized long recentBase() {
        return recentBase;
    }

    /** Returns the recent notifications after the cursor, at most {@code max}; null when they do not reach back to it. */
    synchronized Recent recentAfter(long cursor, FeedFilter filter, int max) {
        if (cursor < recentBase) {
            return null;
        }
        List<StoredNotification> matching = new ArrayList<>();
        for (StoredNotification n : recent) {
            if (n.id() > cursor && filter.matches(n)) {
                matching.add(n);
                if (matching.size() == max) {
                    return new Recent(matching, n.id());
                }
            }
        }
        return new Recent(matching, Math.max(cursor, head));
    }

    private void refresh() {
        if (!reading.compareAndSet(false, true)) {
            readAgain.set(true);
            return;
        }
        long from = head();
        vertx.executeBlocking(() -> reader.after(from, Long.MAX_VALUE, FeedFilter.ALL, PAGE), false)
                .onComplete(read -> {
                    if (read.succeeded() && !read.result().isEmpty()) {
                        remember(read.result());
                        clients.forEach(FeedClient::wake);
                        if (read.result().size() == PAGE) {
                            readAgain.set(true);
                        }
                    } else if (read.failed()) {
                        LOG.warn("feed cannot read notifications: {}", read.cause().getMessage());
                    }
                    // only now may another read start: it reads after the head this one moved
                    reading.set(false);
                    if (readAgain.getAndSet(false)) {
                        refresh();
                    }
                });
    }

    private synchronized void remember(List<StoredNotification> page) {
        for (StoredNotification n : page) {
            recent.addLast(n);
            head = n.id();
        }
        while (recent.size() > RECENT_CAPACITY) {
            recentBase = recent.removeFirst().id();
        }
    }
}
