package org.anju.platform.maintenance.forecast;

import java.time.ZoneId;

/**
 * The forecast pass's settings ({@code maintenance.forecast.*}): the rules for a forecast and the
 * limit of each subject.
 *
 * @param rules                       when a series is forecast from, and how far ahead work is due
 * @param batteryFloorPercent         the battery level a detector must be serviced before (default {@value #DEFAULT_BATTERY_FLOOR_PERCENT} %)
 * @param chamberDriftLimit           the clean-air smoke reading that needs the chamber cleaned (default {@value #DEFAULT_CHAMBER_DRIFT_LIMIT} %/m)
 * @param diskFullFraction            the share of a camera's storage counted as full (default {@value #DEFAULT_DISK_FULL_FRACTION})
 * @param connectorTemperatureLimitC  the daily highest connector temperature that needs an inspection (default {@value #DEFAULT_CONNECTOR_TEMPERATURE_LIMIT_C} °C)
 * @param doorFaultsPerWeek           the weekly door faults that need the doors serviced (default {@value #DEFAULT_DOOR_FAULTS_PER_WEEK})
 * @param dayZone                     the zone of the daily rollups' days (the rollups' {@code rollup.dayZone})
 */
public record ForecastSettings(ForecastRules rules, double batteryFloorPercent, double chamberDriftLimit,
        double diskFullFraction, double connectorTemperatureLimitC, double doorFaultsPerWeek, ZoneId dayZone) {

    public static final double DEFAULT_BATTERY_FLOOR_PERCENT = 10;
    public static final double DEFAULT_CHAMBER_DRIFT_LIMIT = 0.5;
    public static final double DEFAULT_DISK_FULL_FRACTION = 0.95;
    public static final double DEFAULT_CONNECTOR_TEMPERATURE_LIMIT_C = 70;
    public static final double DEFAULT_DOOR_FAULTS_PER_WEEK = 3;

    /** @throws IllegalArgumentException naming the setting and the bad value */
    public ForecastSettings {
        between("batteryFloorPercent", batteryFloorPercent, 0, 100);
        between("chamberDriftLimit", chamberDriftLimit, 0, 100);
        between("diskFullFraction", diskFullFraction, 0.01, 1);
        between("connectorTemperatureLimitC", connectorTemperatureLimitC, 0, 150);
        between("doorFaultsPerWeek", doorFaultsPerWeek, 1, 1_000);
    }

    /** The defaults, days in {@code dayZone}. */
    public static ForecastSettings defaults(ZoneId dayZone) {
        return new ForecastSettings(ForecastRules.DEFAULTS, DEFAULT_BATTERY_FLOOR_PERCENT, DEFAULT_CHAMBER_DRIFT_LIMIT,
                DEFAULT_DISK_FULL_FRACTION, DEFAULT_CONNECTOR_TEMPERATURE_LIMIT_C, DEFAULT_DOOR_FAULTS_PER_WEEK, dayZone);
    }

    private static void between(String key, double value, double low, double high) {
        if (!(value >= low && value <= high)) {
            throw new IllegalArgumentException(
                    "maintenance.forecast." + key + " must be in [" + low + ", " + high + "]: " + value);
        }
    }
}
