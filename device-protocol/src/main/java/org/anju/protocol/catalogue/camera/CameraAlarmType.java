package org.anju.protocol.catalogue.camera;

/**
 * The alarms a camera raises (GB/T 28181 device alarms and video analytics), each an event kind
 * of its lower-case name.
 */
public enum CameraAlarmType {
    VIDEO_LOSS,
    TAMPER,
    STORAGE_FULL,
    STORAGE_FAULT,
    FAN_FAULT,
    OVER_TEMPERATURE,
    UNDER_TEMPERATURE,
    MOTION,
    INTRUSION,
    TRIPWIRE,
    LOITERING,
    OBJECT_LEFT,
    OBJECT_REMOVED,
    OCCLUSION;

    /** Returns whether the alarm reports a temperature (the only alarms whose {@code temperature} is read). */
    public boolean isTemperature() {
        return this == OVER_TEMPERATURE || this == UNDER_TEMPERATURE;
    }
}
