package org.anju.platform.delivery;

import java.time.Instant;
import java.util.List;

import io.vertx.core.json.JsonObject;

/**
 * A receiver of notifications: where to send which ones, and how. Its secrets are not part of it.
 *
 * @param tenantId          null for platform-wide subscriptions
 * @param communityIds      the communities whose notifications it receives; null for every one in scope
 * @param afterNotification notifications up to this id predate it and are not sent to it
 */
public record Subscription(long id, String tenantId, String name, String channel, String url, List<String> topics,
        List<String> communityIds, boolean fireOnly, JsonObject settings, boolean enabled, long afterNotification,
        String createdBy, Instant createdAt) {

    /** Returns whether the notification is for this subscription. */
    public boolean matches(StoredNotification n) {
        return enabled
                && n.id() > afterNotification
                && (tenantId == null || tenantId.equals(n.tenantId()))
                && (communityIds == null || (n.communityId() != null && communityIds.contains(n.communityId())))
                && (!fireOnly || n.fire())
                && TopicPatterns.anyMatches(topics, n.topic());
    }

    /** Returns the subscription as the API shows it (never with its secret). */
    public JsonObject toJson() {
        return new JsonObject()
                .put("id", id)
                .put("tenantId", tenantId)
                .put("name", name)
                .put("channel", channel)
                .put("url", url)
                .put("topics", topics)
                .put("communityIds", communityIds)
                .put("fireOnly", fireOnly)
                .put("settings", settings)
                .put("enabled", enabled)
                .put("createdBy", createdBy)
                .put("createdAt", createdAt.toString());
    }
}
