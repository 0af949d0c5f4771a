package org.anju.platform.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.anju.protocol.DataPoint;
import org.anju.protocol.DeviceEvent;
import org.anju.protocol.DeviceType;

/**
 * One device message as decoded by the device catalogue, after the transaction holding it committed.
 *
 * @param type       the device's catalogue type; null for the gateway's own connect/disconnect notices
 * @param receivedAt when the gateway received it
 * @param points     its data points
 * @param events     its events (at most one for a device event message)
 * @param status     the status keys it set
 */
public record CommittedMessage(String deviceId, DeviceType type, Instant receivedAt, List<DataPoint> points,
        List<DeviceEvent> events, Map<String, String> status) {
}
