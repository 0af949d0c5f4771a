package org.anju.simulator.scenario;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.anju.protocol.manifest.DeviceManifest;

/**
 * Which devices of a manifest a step or an expectation means: {@code building 3 floor 5
 * smoke_detector}, {@code elevator 2}, {@code device elm-court-camera-1}. Every given part must
 * match; an absent part matches anything.
 *
 * @param deviceId a device id, or null
 * @param building a building number ({@code 3}, matching building ids ending in {@code -b3}, as the
 *                 community generator names them) or a building id; null for any
 * @param floor    null for any
 * @param type     a device type wire name, or null for any
 * @param number   the device's {@code number} attribute (the generator numbers each type 1, 2, …
 *                 across the community), or null for any
 * @param line     where it is written, for errors
 */
public record TargetSelector(String deviceId, String building, Integer floor, String type, Integer number,
        String source, int line) {

    /** Returns the manifest's devices it selects, in manifest order. */
    public List<DeviceManifest.Device> select(DeviceManifest manifest) {
        return manifest.devices().stream().filter(this::matches).toList();
    }

    /**
     * Returns the manifest's devices it selects, failing when there are none.
     *
     * @throws ScenarioException at the selector's line
     */
    public List<DeviceManifest.Device> selectSome(DeviceManifest manifest) {
        List<DeviceManifest.Device> devices = select(manifest);
        if (devices.isEmpty()) {
            throw new ScenarioException(source, line, "'" + this + "' selects no device of the manifest");
        }
        return devices;
    }

    /**
     * Returns the devices of the same types and buildings as {@code devices}, exactly
     * {@code distance} floors above or below one of theirs: the neighbours fire spreads to.
     */
    public static List<DeviceManifest.Device> neighbours(DeviceManifest manifest, List<DeviceManifest.Device> devices,
            int distance) {
        Set<String> places = new LinkedHashSet<>();
        for (DeviceManifest.Device d : devices) {
            if (d.buildingId() != null && d.floor() != null) {
                places.add(d.type() + "|" + d.buildingId() + "|" + (d.floor() + distance));
                places.add(d.type() + "|" + d.buildingId() + "|" + (d.floor() - distance));
            }
        }
        List<DeviceManifest.Device> neighbours = new ArrayList<>();
        for (DeviceManifest.Device d : manifest.devices()) {
            if (d.buildingId() != null && d.floor() != null
                    && places.contains(d.type() + "|" + d.buildingId() + "|" + d.floor())) {
                neighbours.add(d);
            }
        }
        return neighbours;
    }

    boolean matches(DeviceManifest.Device d) {
        return (deviceId == null || deviceId.equals(d.id()))
                && (type == null || type.equals(d.type()))
                && (floor == null || floor.equals(d.floor()))
                && (number == null || String.valueOf(number).equals(d.attributes().get("number")))
                && (building == null || buildingMatches(d.buildingId()));
    }

    private boolean buildingMatches(String buildingId) {
        if (buildingId == null) {
            return false;
        }
        return building.chars().allMatch(Character::isDigit) ? buildingId.endsWith("-b" + building)
                : building.equals(buildingId);
    }

    /** Reads the scenario's words for it, e.g. {@code building 3 floor 5 smoke_detector}. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (deviceId != null) {
            parts.add("device " + deviceId);
        }
        if (building != null) {
            parts.add("building " + building);
        }
        if (floor != null) {
            parts.add("floor " + floor);
        }
        if (type != null) {
            parts.add(number == null ? type : SHORT_NAMES.entrySet().stream().filter(e -> e.getValue().equals(type))
                    .map(Map.Entry::getKey).findFirst().orElse(type) + " " + number);
        } else if (number != null) {
            parts.add("number " + number);
        }
        return parts.isEmpty() ? "every device" : String.join(" ", parts);
    }

    /** Short keys that name a type and a number at once: {@code elevator: 2}. */
    static final Map<String, String> SHORT_NAMES = Map.of(
            "camera", "camera", "elevator", "elevator", "charger", "ev_charger", "locker", "parcel_locker",
            "panel", "fire_panel");

    /** Device type wire names. */
    static final Set<String> TYPES = Set.of("camera", "elevator", "parcel_locker", "ev_charger", "smoke_detector",
            "fire_panel");
}
