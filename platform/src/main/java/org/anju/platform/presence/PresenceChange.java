package org.anju.platform.presence;

import java.time.Instant;

/**
 * A device went online or offline, as decided by the presence tracker (missed heartbeats by its
 * type's expectation, or an MQTT disconnect) and recorded in {@code device_state} and
 * {@code device_events}.
 *
 * @param deviceId   the device
 * @param deviceType its catalogue type ({@code camera}, {@code smoke_detector} ...)
 * @param online     the new state
 * @param at         when the change took effect
 * @param reason     why, e.g. {@code missed_heartbeats}, {@code disconnected}, {@code message_received}
 */
public record PresenceChange(String deviceId, String deviceType, boolean online, Instant at, String reason) {
}
