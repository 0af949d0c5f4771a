package org.anju.platform.delivery;

import java.time.Instant;

import io.vertx.core.json.JsonObject;

/**
 * A committed notification as read back from the outbox.
 *
 * @param payload the notification's JSON body, as stored
 */
public record StoredNotification(long id, Instant createdAt, String tenantId, String communityId, String topic,
        boolean fire, String payload) {

    /** Returns the JSON that feeds and webhooks send: the notification with its envelope. */
    public JsonObject toJson() {
        return new JsonObject()
                .put("id", id)
                .put("createdAt", createdAt.toString())
                .put("topic", topic)
                .put("tenantId", tenantId)
                .put("communityId", communityId)
                .put("fire", fire)
                .put("payload", new JsonObject(payload));
    }
}
