package org.anju.platform.provisioning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.IntStream;

import org.anju.platform.registry.PasswordHasher;
import org.anju.platform.registry.RegistryChange.StoredCredential;
import org.anju.platform.registry.RegistryChange.StoredDevice;

/**
 * Compares requested devices with the stored ones: same place, type, name, attributes and
 * secret is "unchanged"; anything else about a stored device or credential is a conflict.
 */
final class DeviceComparison {

    private final String tenantId;
    private final String communityId;
    private final PasswordHasher hasher;

    DeviceComparison(String tenantId, String communityId, PasswordHasher hasher) {
        this.tenantId = tenantId;
        this.communityId = communityId;
        this.hasher = hasher;
    }

    /** Returns one error per device in conflict, in request order. */
    List<ItemError> conflicts(List<DeviceSpec> specs, Map<String, StoredDevice> devices,
            Map<String, StoredCredential> credentials) {
        // secrets are compared with bcrypt, so on every core
        return IntStream.range(0, specs.size()).parallel()
                .mapToObj(i -> conflict(i, specs.get(i), devices.get(specs.get(i).id()),
                        credentials.get(specs.get(i).authId())))
                .filter(Objects::nonNull)
                .toList();
    }

    private ItemError conflict(int index, DeviceSpec spec, StoredDevice stored, StoredCredential credential) {
        if (stored != null) {
            if (!stored.tenantId().equals(tenantId) || !stored.communityId().equals(communityId)) {
                return new ItemError("devices", index, "id", "device id '" + spec.id()
                        + "' is taken by a device of another community");
            }
            List<String> differences = new ArrayList<>();
            CommunityProvisioning.Differences.add(differences, "type", stored.type(), spec.type());
            CommunityProvisioning.Differences.add(differences, "name", stored.name(), spec.name());
            CommunityProvisioning.Differences.add(differences, "buildingId", stored.buildingId(), spec.buildingId());
            CommunityProvisioning.Differences.add(differences, "floor", stored.floor(), spec.floor());
            CommunityProvisioning.Differences.add(differences, "location", stored.location(), spec.location());
            CommunityProvisioning.Differences.add(differences, "attributes", new TreeMap<>(stored.attributes()),
                    new TreeMap<>(spec.attributes()));
            if (!differences.isEmpty()) {
                return new ItemError("devices", index, null, "device '" + spec.id() + "' exists with other details: "
                        + String.join("; ", differences));
            }
        }
        if (credential != null) {
            if (!credential.deviceId().equals(spec.id())) {
                return new ItemError("devices", index, "authId", "auth-id '" + spec.authId()
                        + "' is already the credential of device '" + credential.deviceId() + "'");
            }
            if (credential.secretHash() == null || !hasher.matches(spec.secret(), credential.secretHash())) {
                return new ItemError("devices", index, "secret", "device '" + spec.id()
                        + "' already has another secret (provisioning does not change secrets)");
            }
        }
        return null;
    }
}
