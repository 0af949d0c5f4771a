package org.anju.platform.alerts;

/**
 * Where a device is, as alerts record it.
 *
 * @param buildingId null when the device belongs to no building
 * @param address    community name and address, building, floor and the device's location, in words
 */
public record DeviceInfo(String deviceId, String tenantId, String communityId, String type, String buildingId,
        Integer floor, String address) {
}
