package org.anju.platform.provisioning;

import java.util.Map;

/**
 * A device as a provisioning request describes it, with the secret it will authenticate with.
 *
 * @param buildingId one of the community's buildings, or null
 * @param floor      null when not on one floor
 * @param authId     the credential's auth-id (the device logs in as {@code authId@tenant})
 * @param secret     the clear secret; only its bcrypt hash is stored
 */
public record DeviceSpec(String id, String type, String name, String buildingId, Integer floor, String location,
        Map<String, String> attributes, String authId, String secret) {

    public DeviceSpec {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    @Override
    public String toString() {
        return "DeviceSpec[id=" + id + ", type=" + type + ", authId=" + authId + "]";
    }
}
