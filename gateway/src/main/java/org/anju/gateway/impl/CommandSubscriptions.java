package org.anju.gateway.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.anju.protocol.CommandTopic;

/**
 * The command subscriptions of one connection, with the QoS granted to each.
 * Used on the connection's context only.
 */
final class CommandSubscriptions {

    /** A subscription and the QoS commands are delivered with on it. */
    record Subscribed(CommandTopic.Subscription subscription, int qos) {
    }

    private final List<Subscribed> subscriptions = new ArrayList<>();

    /** Adds (or replaces) a subscription; returns the granted QoS (0 or 1). */
    int add(CommandTopic.Subscription subscription, int requestedQos) {
        int granted = Math.min(requestedQos, 1);
        subscriptions.removeIf(s -> s.subscription().equals(subscription));
        subscriptions.add(new Subscribed(subscription, granted));
        return granted;
    }

    /** Removes a subscription; returns whether there was one. */
    boolean remove(CommandTopic.Subscription subscription) {
        return subscriptions.removeIf(s -> s.subscription().equals(subscription));
    }

    /**
     * Finds where a command for {@code deviceId} goes on this connection of {@code ownDeviceId}:
     * the device's own or a specific subscription first, a gateway's wildcard otherwise.
     */
    Optional<Subscribed> find(String deviceId, String ownDeviceId) {
        Subscribed wildcard = null;
        for (Subscribed s : subscriptions) {
            CommandTopic.Subscription sub = s.subscription();
            if ((sub.forItself() && deviceId.equals(ownDeviceId)) || sub.deviceId().equals(deviceId)) {
                return Optional.of(s);
            }
            if (sub.forAllItsDevices() && !deviceId.equals(ownDeviceId)) {
                wildcard = s;
            }
        }
        return Optional.ofNullable(wildcard);
    }
}
