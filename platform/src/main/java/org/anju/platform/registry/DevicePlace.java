package org.anju.platform.registry;

/**
 * Where a device is and what it is: what authorization by community and device type needs.
 *
 * @param type the device type's wire name, e.g. {@code smoke_detector}
 */
public record DevicePlace(String deviceId, String tenantId, String communityId, String type) {
}
