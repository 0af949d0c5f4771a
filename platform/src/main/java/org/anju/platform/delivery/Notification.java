package org.anju.platform.delivery;

import java.util.Objects;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Something the platform tells people and systems about, as appended to the outbox.
 *
 * @param topic       what happened, dotted lower case ({@code alert.opened}, {@code fire.confirmed_fire})
 * @param tenantId    the property company it concerns; null when platform-wide
 * @param communityId the community it concerns; null when platform-wide
 * @param fire        whether the fire brigade may see it
 * @param payload     the JSON body sent to feeds and webhooks
 */
public record Notification(String topic, String tenantId, String communityId, boolean fire, ObjectNode payload) {

    public Notification {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
    }
}
