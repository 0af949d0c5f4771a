package org.anju.platform.delivery;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import org.anju.platform.config.AnjuConfig;
import org.anju.platform.notify.Outbox;

/**
 * Everything that delivers notifications, wired: the live feed, the webhook dispatcher and the
 * subscription service. {@link #close()} stops them.
 */
public final class Delivery implements AutoCloseable {

    private final FeedHub feed;
    private final WebhookDispatcher dispatcher;
    private final WebhookService webhooks;
    private final Outbox outbox;

    private Delivery(FeedHub feed, WebhookDispatcher dispatcher, WebhookService webhooks, Outbox outbox) {
        this.outbox = outbox;
        this.feed = feed;
        this.dispatcher = dispatcher;
        this.webhooks = webhooks;
    }

    /**
     * Builds and starts the feed and the dispatcher.
     *
     * @param dataSource the pool of background work (the feed, the dispatcher)
     * @param requests   the pool of HTTP requests (managing subscriptions, reading the delivery log)
     * @throws IOException              when the secret key file cannot be read or written
     * @throws IllegalArgumentException when the configured secret key is not valid
     */
    public static Future<Delivery> start(Vertx vertx, DataSource dataSource, DataSource requests,
            AnjuConfig.Feed feedSettings,
            AnjuConfig.Webhooks webhookSettings, Path dataDir, MeterRegistry meters, Clock clock) throws IOException {
        SecretBox secrets = SecretBox.load(webhookSettings.secretKey(), dataDir);
        Outbox outbox = new Outbox(vertx);
        Channels channels = Channels.standard();
        TargetPolicy targets = new TargetPolicy(webhookSettings.allowPrivateTargets());
        DeliveryStore deliveries = new DeliveryStore(dataSource, outbox);
        FeedHub feed = new FeedHub(vertx, new NotificationReader(dataSource), feedSettings, meters);
        WebhookClient receivers = new WebhookClient(vertx, targets, webhookSettings, null);
        WebhookDispatcher dispatcher = new WebhookDispatcher(vertx, deliveries, channels, secrets, receivers, outbox,
                webhookSettings, clock, new SecureRandom(), meters);
        WebhookService webhooks = new WebhookService(new SubscriptionStore(requests), new DeliveryStore(requests, outbox),
                channels, targets, secrets, clock, dispatcher::wake);
        Delivery delivery = new Delivery(feed, dispatcher, webhooks, outbox);
        return feed.start().onSuccess(v -> dispatcher.start()).map(delivery);
    }

    public FeedHub feed() {
        return feed;
    }

    public WebhookService webhooks() {
        return webhooks;
    }

    /** Returns an outbox on this process's event bus, for producers of notifications. */
    public Outbox outbox() {
        return outbox;
    }

    public WebhookDispatcher dispatcher() {
        return dispatcher;
    }

    /** Stops the dispatcher and disconnects feed clients; idempotent. */
    @Override
    public void close() {
        dispatcher.stop();
        feed.stop();
    }
}
