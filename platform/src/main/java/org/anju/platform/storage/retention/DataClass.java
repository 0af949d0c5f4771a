package org.anju.platform.storage.retention;

import java.util.List;

import org.anju.protocol.DeviceType;

/**
 * The kinds of stored data that have a retention of their own.
 */
public enum DataClass {
    /** Raw data points ({@code telemetry}). */
    TELEMETRY("telemetry"),
    /** Hourly rollups. */
    HOURLY("hourly"),
    /** Daily rollups. */
    DAILY("daily"),
    /** Device events other than fire records. */
    EVENTS("events"),
    /** Fire records: the events of fire panels and smoke detectors. */
    FIRE_EVENTS("fireEvents");

    /** The device types whose events are fire records. */
    public static final List<String> FIRE_DEVICE_TYPES = DeviceType.fireFacilities();

    private final String wireName;

    DataClass(String wireName) {
        this.wireName = wireName;
    }

    /** Returns the name used in the API and in configuration keys ({@code retention.<name>}). */
    public String wireName() {
        return wireName;
    }
}
