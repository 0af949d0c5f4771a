package org.anju.system.reliability;

import java.util.ArrayList;
import java.util.List;

import org.anju.platform.testing.Fixtures;
import org.anju.protocol.DeviceType;
import org.anju.protocol.manifest.DeviceManifest;

/**
 * Devices of every type for load runs: provisioned in {@link Fixtures#COMMUNITY} and returned as
 * the manifest entries the simulator's load mode connects with.
 */
public final class LoadFleet {

    private LoadFleet() {
    }

    /** Provisions {@code perType} devices of each type, named {@code load-<type>-<n>}. */
    public static List<DeviceManifest.Device> provision(Fixtures fixtures, int perType) {
        List<DeviceManifest.Device> devices = new ArrayList<>();
        for (DeviceType type : DeviceType.values()) {
            for (int i = 0; i < perType; i++) {
                String id = "load-" + type.wireName().replace('_', '-') + "-" + i;
                String secret = id + "-secret";
                fixtures.device(id, type.wireName(), secret);
                devices.add(new DeviceManifest.Device(id, Fixtures.TENANT, id, secret, type.wireName()));
            }
        }
        return devices;
    }
}
