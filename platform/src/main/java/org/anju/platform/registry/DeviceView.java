package org.anju.platform.registry;

import java.time.Instant;
import java.util.Map;

/**
 * A device as the API shows it: where it is and what it last said.
 *
 * @param lastSeen       when it last sent something, null if never
 * @param online         its stored presence (false for a device never heard from)
 * @param presenceSince  since when it is online or offline; null if never heard from
 * @param presenceReason why: {@code message_received}, {@code connected}, {@code missed_heartbeats},
 *                       {@code disconnected}; null if never heard from
 * @param latest   its latest value per metric
 * @param status   its latest textual state (e.g. {@code serviceMode}, a charger connector's status)
 * @param enabled  false once taken out of service ({@code PUT /api/v1/provisioning/devices/{id}/enabled})
 */
public record DeviceView(String id, String tenantId, String communityId, String type, String name, String building,
        Integer floor, String location, Instant lastSeen, boolean online, Instant presenceSince, String presenceReason,
        Map<String, Double> latest, Map<String, String> status, boolean enabled) {
}
