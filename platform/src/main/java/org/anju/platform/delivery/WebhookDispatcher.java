package org.anju.platform.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.error.ClientError;
import org.anju.platform.config.AnjuConfig;
import org.anju.platform.notify.Outbox;

/**
 * Sends notifications to subscriptions: turns new notifications into deliveries (a stored cursor
 * moves in the same transaction), claims due deliveries, POSTs each signed body and records the
 * attempt; a failed attempt is retried after a {@link Backoff} until the attempts run out, then
 * the delivery is dead and a dead-letter notification tells administrators.
 * <p>
 * It runs at once when {@link Outbox#COMMITTED_ADDRESS} is published and otherwise every poll
 * interval. Due times come from the injected clock, so tests control backoff without waiting.
 * Several processes may dispatch over one database: fan-out locks the cursor row and claiming
 * skips deliveries another process holds.
 */
public final class WebhookDispatcher {

    static final int FAN_OUT_PAGE = 500;
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(30);

    private final Vertx vertx;
    private final DeliveryStore store;
    private final Channels channels;
    private final SecretBox secrets;
    private final WebhookClient receivers;
    private final Outbox outbox;
    private final AnjuConfig.Webhooks settings;
    private final Backoff backoff;
    private final Clock clock;
    private final RandomGenerator random;
    private final Counter delivered;
    private final Counter retried;
    private final Counter dead;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean runAgain = new AtomicBoolean();
    private boolean started;
    private MessageConsumer<Object> wakeUps;
    private long pollTimer = -1;

    WebhookDispatcher(Vertx vertx, DeliveryStore store, Channels channels, SecretBox secrets,
            WebhookClient receivers, Outbox outbox, AnjuConfig.Webhooks settings, Clock clock, RandomGenerator random,
            MeterRegistry meters) {
        this.vertx = vertx;
        this.store = store;
        this.channels = channels;
        this.secrets = secrets;
        this.receivers = receivers;
        this.outbox = outbox;
        this.settings = settings;
        this.backoff = new Backoff(settings.retryBase(), settings.retryMax(), settings.maxAttempts());
        this.clock = clock;
        this.random = random;
        this.delivered = attempts(meters, "delivered");
        this.retried = attempts(meters, "failed_will_retry");
        this.dead = attempts(meters, "failed_dead");
    }

    private static Counter attempts(MeterRegistry meters, String outcome) {
        return Counter.builder("anju.webhooks.attempts").tag("outcome", outcome)
                .description("delivery attempts by outcome").register(meters);
    }

    /** Starts dispatching; idempotent. */
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        receivers.open();
        wakeUps = vertx.eventBus().consumer(Outbox.COMMITTED_ADDRESS, message -> wake());
        pollTimer = vertx.setPeriodic(settings.pollInterval().toMillis(), id -> wake());
        wake();
    }

    /** Stops dispatching; attempts in flight are abandoned and retried after their lease. Idempotent. */
    public synchronized void stop() {
        if (!started) {
            return;
        }
        started = false;
        wakeUps.unregister();
        vertx.cancelTimer(pollTimer);
        receivers.close();
    }

    /** Looks for new notifications and due deliveries now. */
    public void wake() {
        if (!running.compareAndSet(false, true)) {
            runAgain.set(true);
            return;
        }
        cycle().onComplete(done -> {
            if (done.failed()) {
                LOG.warn("webhook dispatch failed, retrying at the next poll: {}", done.cause().getMessage());
            }
            running.set(false);
            if ((done.succeeded() && done.result()) || runAgain.getAndSet(false)) {
                wake();
            }
        });
    }

    /** One round: fan out, claim, send. Returns whether there may be more to do at once. */
    private Future<Boolean> cycle() {
        if (!isStarted()) {
            return Future.succeededFuture(false);
        }
        Duration lease = settings.connectTimeout().plus(settings.requestTimeout()).plus(LEASE_MARGIN);
        return vertx.executeBlocking(() -> {
            while (store.fanOut(clock.instant(), FAN_OUT_PAGE) == FAN_OUT_PAGE) {
                LOG.debug("fanned out a full page of notifications");
            }
            return store.claimDue(clock.instant(), lease, settings.concurrency());
        }, false).compose(due -> Future.join(due.stream().map(this::attempt).toList())
                .map(v -> due.size() == settings.concurrency()));
    }

    private Future<Void> attempt(DueDelivery d) {
        Instant startedAt = clock.instant();
        long started = System.nanoTime();
        return vertx.executeBlocking(() -> prepare(d), false)
                .compose(prepared -> receivers.post(prepared.target(), prepared.headers(), prepared.body()))
                .map(status -> AttemptResult.answered(startedAt, elapsedMs(started), status))
                .recover(cause -> Future.succeededFuture(AttemptResult.failed(startedAt, elapsedMs(started),
                        describe(cause))))
                .compose(result -> vertx.executeBlocking(() -> record(d, result), false))
                .onSuccess(deadLetter -> {
                    if (deadLetter) {
                        outbox.committed();
                    }
                })
                .mapEmpty();
    }

    /** A request: the checked address, headers and body; built on a worker (decryption, name resolution). */
    private record Prepared(TargetPolicy.Target target, MultiMap headers, Buffer body) {
    }

    private Prepared prepare(DueDelivery d) {
        Subscription s = d.subscription();
        Channel channel = channels.get(s.channel()).orElseThrow(() -> ClientError.badRequest(
                "unknown channel '" + s.channel() + "'"));
        TargetPolicy.Target target = receivers.target(s.url());
        Buffer body = channel.render(d.notification(), s.settings());
        String signature = Signature.header(secrets.decrypt(d.secret()), clock.instant().getEpochSecond(),
                body.getBytes());
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("User-Agent", "Anju-Webhooks/1")
                .add("Content-Type", "application/json")
                .add(Signature.HEADER, signature)
                .add("Idempotency-Key", d.idempotencyKey().toString())
                .add("Anju-Delivery-Id", Long.toString(d.id()))
                .add("Anju-Attempt", Integer.toString(d.attempt()))
                .add("Anju-Notification-Id", Long.toString(d.notification().id()))
                .add("Anju-Topic", d.notification().topic());
        if (d.authorization() != null) {
            headers.add("Authorization", secrets.decrypt(d.authorization()));
        }
        return new Prepared(target, headers, body);
    }

    private synchronized boolean isStarted() {
        return started;
    }

    private boolean record(DueDelivery d, AttemptResult result) {
        Instant now = clock.instant();
        Instant retryAt = result.succeeded() || backoff.exhausted(d.attemptsInRound()) ? null
                : now.plus(backoff.delayAfter(d.attemptsInRound(), random));
        (result.succeeded() ? delivered : retryAt == null ? dead : retried).increment();
        if (!result.succeeded() && retryAt == null) {
            LOG.warn("delivery dead after {} attempts [delivery: {}, subscription: {}, url: {}]: {}", d.attempt(), d.id(),
                    d.subscription().id(), d.subscription().url(), result.error());
        } else if (!result.succeeded()) {
            LOG.info("delivery attempt failed [delivery: {}, subscription: {}, attempt: {}]: {}", d.id(),
                    d.subscription().id(), d.attempt(), result.error());
        }
        return store.record(d, result, retryAt, now);
    }

    /** Returns the failure with its root cause, e.g. a TLS handshake's reason under Vert.x's summary. */
    private static String describe(Throwable failure) {
        String text = failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure || root.getMessage() == null || text.contains(root.getMessage()) ? text
                : text + ": " + root.getMessage();
    }

    private static long elapsedMs(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }
}
