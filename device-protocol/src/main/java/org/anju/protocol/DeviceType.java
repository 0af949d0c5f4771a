package org.anju.protocol;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of device Anju knows, with the names used on the wire and in the database.
 */
public enum DeviceType {
    CAMERA("camera", false),
    ELEVATOR("elevator", false),
    PARCEL_LOCKER("parcel_locker", false),
    EV_CHARGER("ev_charger", false),
    SMOKE_DETECTOR("smoke_detector", true),
    FIRE_PANEL("fire_panel", true);

    private final String wireName;
    private final boolean fireFacility;

    DeviceType(String wireName, boolean fireFacility) {
        this.wireName = wireName;
        this.fireFacility = fireFacility;
    }

    /**
     * Returns whether devices of this type are fire facilities (smoke detectors, building fire
     * panels): their data is fire data, kept as fire records and seen by the fire brigade.
     */
    public boolean fireFacility() {
        return fireFacility;
    }

    /** Returns the wire names of the fire facility types. */
    public static List<String> fireFacilities() {
        return Arrays.stream(values()).filter(DeviceType::fireFacility).map(DeviceType::wireName).toList();
    }

    /** Returns whether the type of this wire name is a fire facility; false for an unknown name. */
    public static boolean isFireFacility(String wireName) {
        return fromWireName(wireName).map(DeviceType::fireFacility).orElse(false);
    }

    /** Returns the lower-case name used in payloads, the API and the database. */
    public String wireName() {
        return wireName;
    }

    /** Finds a type by its wire name. */
    public static Optional<DeviceType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
