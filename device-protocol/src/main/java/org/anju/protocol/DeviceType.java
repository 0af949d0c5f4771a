package org.anju.protocol;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of device Anju knows, with the names used on the wire and in the database.
 */
public enum DeviceType {
    CAMERA("camera"),
    ELEVATOR("elevator"),
    PARCEL_LOCKER("parcel_locker"),
    EV_CHARGER("ev_charger"),
    SMOKE_DETECTOR("smoke_detector"),
    FIRE_PANEL("fire_panel");

    private final String wireName;

    DeviceType(String wireName) {
        this.wireName = wireName;
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
