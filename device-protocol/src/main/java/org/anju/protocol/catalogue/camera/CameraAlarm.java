package org.anju.protocol.catalogue.camera;

/**
 * An alarm a camera raised.
 *
 * @param priority    GB/T 28181 alarm priority, 1 (highest) to 4
 * @param channel     the video channel, null when not sent
 * @param temperature the device temperature in °C for temperature alarms, null when not sent
 * @param description the device's description, null when not sent
 */
public record CameraAlarm(CameraAlarmType type, int priority, Integer channel, Double temperature, String description) {
}
