package org.anju.platform.maintenance.forecast;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;

import org.anju.platform.maintenance.settings.CommunityMaintenanceSettings;
import org.anju.platform.settings.SettingsBody;

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

    /**
     * Returns these settings with a community's own limits, horizon and fewest daily points
     * ({@code community_maintenance_settings}) where it set them; this when it set none.
     */
    public ForecastSettings over(CommunityMaintenanceSettings own) {
        if (own.none()) {
            return this;
        }
        ForecastRules r = rules.with(own.minDailyPoints() != null ? own.minDailyPoints() : rules.minDailyPoints(),
                own.horizonDays() != null ? own.horizonDays() : rules.horizonDays());
        return new ForecastSettings(r, or(own.batteryFloorPercent(), batteryFloorPercent),
                or(own.chamberDriftLimit(), chamberDriftLimit), or(own.diskFullFraction(), diskFullFraction),
                or(own.connectorTemperatureLimitC(), connectorTemperatureLimitC),
                or(own.doorFaultsPerWeek(), doorFaultsPerWeek), dayZone);
    }

    /**
     * Returns these settings' per-community figures with the work orders' defaults: the platform
     * defaults a community's own figures are laid over.
     */
    public CommunityMaintenanceSettings figures(int emergencyDueDays, int faultDueDays, List<Integer> escalationDays) {
        return new CommunityMaintenanceSettings(decimal(batteryFloorPercent), decimal(chamberDriftLimit),
                decimal(diskFullFraction), decimal(connectorTemperatureLimitC), decimal(doorFaultsPerWeek),
                rules.horizonDays(), rules.minDailyPoints(), emergencyDueDays, faultDueDays, escalationDays);
    }

    private static double or(BigDecimal own, double fallback) {
        return own != null ? own.doubleValue() : fallback;
    }

    private static BigDecimal decimal(double value) {
        return SettingsBody.plain(BigDecimal.valueOf(value));
    }

    private static void between(String key, double value, double low, double high) {
        if (!(value >= low && value <= high)) {
            throw new IllegalArgumentException(
                    "maintenance.forecast." + key + " must be in [" + low + ", " + high + "]: " + value);
        }
    }
}
