package org.anju.platform.alerts.rules;

import java.time.Duration;

/**
 * The thresholds the alert rules read: the platform defaults ({@code alerts.*} configuration keys)
 * or a community's overrides of them.
 */
public interface RuleSettings {

    /** Returns how long a levelled car may stand closed with a passenger before it is an entrapment. */
    Duration entrapmentAfter();

    /** Returns the smoke detector battery, %, below which it is low. */
    double lowBatteryPercent();

    /** Returns the camera temperature, °C, above which it is over temperature. */
    double cameraMaxTemperature();

    /** Returns the recording storage use, %, from which a camera's storage is full. */
    double cameraStorageFullPercent();

    /** Returns the charger connector temperature, °C, above which it is over temperature. */
    double chargerMaxTemperature();
}
