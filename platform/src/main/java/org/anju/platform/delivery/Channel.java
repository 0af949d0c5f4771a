package org.anju.platform.delivery;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * A way of telling a receiver about a notification, chosen per subscription. Every channel is
 * webhook-style: the dispatcher POSTs the body a channel renders to the subscription's URL with
 * the same signature, idempotency key and retries; a channel decides only what the body says (a
 * webhook's JSON envelope, an SMS gateway's message, a mail API's message).
 * <p>
 * Implementations are stateless and thread-safe.
 */
public interface Channel {

    /** Returns the name subscriptions choose the channel by ({@code webhook}, {@code sms}, {@code email}). */
    String name();

    /**
     * Checks a subscription's channel settings.
     *
     * @throws org.anju.error.ClientError 400 naming the setting that is missing or wrong
     */
    void checkSettings(JsonObject settings);

    /** Returns the JSON body to POST for the notification. */
    Buffer render(StoredNotification notification, JsonObject settings);
}
