package org.anju.simulator.behaviour;

import java.util.List;

import org.anju.protocol.manifest.DeviceManifest;

/**
 * Creates the behaviour of a manifest device from its type and attributes.
 */
public final class Behaviours {

    /** The device types there is a behaviour for, by wire name. */
    public static final List<String> TYPES = List.of("camera", "elevator", "smoke_detector", "fire_panel",
            "parcel_locker", "ev_charger");

    private Behaviours() {
    }

    /**
     * Returns a fresh behaviour for the device.
     *
     * @throws IllegalArgumentException naming the device when its type is unknown or an attribute is bad
     */
    public static Behaviour create(DeviceManifest.Device device) {
        Params params = new Params(device.id(), device.attributes());
        return switch (device.type()) {
            case "camera" -> new CameraBehaviour(params);
            case "elevator" -> new ElevatorBehaviour(params);
            case "smoke_detector" -> new SmokeDetectorBehaviour(params);
            case "fire_panel" -> new FirePanelBehaviour(params, device.buildingId());
            case "parcel_locker" -> new ParcelLockerBehaviour(params);
            case "ev_charger" -> new EvChargerBehaviour(params);
            default -> throw new IllegalArgumentException("device " + device.id() + ": no behaviour for device type '"
                    + device.type() + "' (known: " + String.join(", ", TYPES) + ")");
        };
    }
}
