package org.anju.platform.maintenance.settings;

import static org.anju.platform.settings.SettingsBody.or;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import io.vertx.core.json.JsonObject;

import org.anju.error.ClientError;
import org.anju.platform.settings.SettingsBody;

/**
 * The maintenance figures of issue 13 that a community may set for itself (docs/maintenance.md
 * "Per-community settings"). A null component means "the platform default" ({@code maintenance.*}
 * in {@code anju-defaults.yaml}); {@link #over(CommunityMaintenanceSettings)} fills them in. The
 * usage counters' thresholds have their own API ({@code …/maintenance/counter-thresholds}).
 *
 * @param batteryFloorPercent        a detector's battery forecast runs to this level (0–100 %)
 * @param chamberDriftLimit          a smoke chamber's clean-air reading forecast runs to this (0–100 %/m)
 * @param diskFullFraction           the share of a camera's storage counted as full (0.01–1)
 * @param connectorTemperatureLimitC a charger connector's daily highest temperature limit (0–150 °C)
 * @param doorFaultsPerWeek          an elevator's weekly door faults limit (1–1000)
 * @param horizonDays                a forecast expected within this many days raises work (1–3650)
 * @param minDailyPoints             the fewest daily points a forecast is made from (3–1000)
 * @param emergencyDueDays           days from an emergency fault to its order's due day (0–30)
 * @param faultDueDays               days from another fault to its order's due day (0–30, not before
 *                                   the emergency's)
 * @param escalationDays             days overdue at which each escalation step of a pending order is
 *                                   reached (1–10 steps, strictly ascending, each 1–365)
 */
public record CommunityMaintenanceSettings(BigDecimal batteryFloorPercent, BigDecimal chamberDriftLimit,
        BigDecimal diskFullFraction, BigDecimal connectorTemperatureLimitC, BigDecimal doorFaultsPerWeek,
        Integer horizonDays, Integer minDailyPoints, Integer emergencyDueDays, Integer faultDueDays,
        List<Integer> escalationDays) {

    /** No figure of the community's own. */
    public static final CommunityMaintenanceSettings NONE = new CommunityMaintenanceSettings(null, null, null, null,
            null, null, null, null, null, null);

    /** The documented defaults of {@code anju-defaults.yaml}, for settings made in code (tests, tools). */
    public static final CommunityMaintenanceSettings DEFAULTS = new CommunityMaintenanceSettings(BigDecimal.TEN,
            new BigDecimal("0.5"), new BigDecimal("0.95"), BigDecimal.valueOf(70), BigDecimal.valueOf(3), 90, 10, 0, 1,
            List.of(1, 3, 7));

    private static final Set<String> FIELDS = Set.of("batteryFloorPercent", "chamberDriftLimit", "diskFullFraction",
            "connectorTemperatureLimitC", "doorFaultsPerWeek", "horizonDays", "minDailyPoints", "emergencyDueDays",
            "faultDueDays", "escalationDays");

    /** @throws ClientError 400 naming the field of a figure out of range */
    public CommunityMaintenanceSettings {
        SettingsBody.range("batteryFloorPercent", batteryFloorPercent, "0", "100");
        SettingsBody.range("chamberDriftLimit", chamberDriftLimit, "0", "100");
        SettingsBody.range("diskFullFraction", diskFullFraction, "0.01", "1");
        SettingsBody.range("connectorTemperatureLimitC", connectorTemperatureLimitC, "0", "150");
        SettingsBody.range("doorFaultsPerWeek", doorFaultsPerWeek, "1", "1000");
        SettingsBody.range("horizonDays", horizonDays, 1, 3650);
        SettingsBody.range("minDailyPoints", minDailyPoints, 3, 1000);
        SettingsBody.range("emergencyDueDays", emergencyDueDays, 0, 30);
        SettingsBody.range("faultDueDays", faultDueDays, 0, 30);
        escalationDays = SettingsBody.ascending("escalationDays", escalationDays, 10, 1, 365);
    }

    /**
     * Returns these figures, each missing one taken from {@code defaults}.
     *
     * @throws ClientError 400 when the figures in force contradict each other (an emergency due later
     *                     than other faults)
     */
    public CommunityMaintenanceSettings over(CommunityMaintenanceSettings defaults) {
        CommunityMaintenanceSettings all = new CommunityMaintenanceSettings(
                or(batteryFloorPercent, defaults.batteryFloorPercent), or(chamberDriftLimit, defaults.chamberDriftLimit),
                or(diskFullFraction, defaults.diskFullFraction),
                or(connectorTemperatureLimitC, defaults.connectorTemperatureLimitC),
                or(doorFaultsPerWeek, defaults.doorFaultsPerWeek), or(horizonDays, defaults.horizonDays),
                or(minDailyPoints, defaults.minDailyPoints), or(emergencyDueDays, defaults.emergencyDueDays),
                or(faultDueDays, defaults.faultDueDays), or(escalationDays, defaults.escalationDays));
        if (all.emergencyDueDays != null && all.faultDueDays != null && all.emergencyDueDays > all.faultDueDays) {
            throw ClientError.badRequest("field 'emergencyDueDays' must not be more than faultDueDays (" + all.faultDueDays
                    + "): an emergency is due no later than other faults, got " + all.emergencyDueDays);
        }
        return all;
    }

    /** Returns whether the community has no figure of its own. */
    public boolean none() {
        return equals(NONE);
    }

    /**
     * Returns the figures of a request body: each field given replaces the community's figure, a
     * field given as null returns it to the default, a field left out keeps {@code current}.
     *
     * @throws ClientError 400 naming an unknown field, a figure of the wrong type or out of range
     */
    public static CommunityMaintenanceSettings fromJson(JsonObject json, CommunityMaintenanceSettings current) {
        SettingsBody body = SettingsBody.of(json, FIELDS, "a maintenance setting");
        return new CommunityMaintenanceSettings(body.decimal("batteryFloorPercent", current.batteryFloorPercent),
                body.decimal("chamberDriftLimit", current.chamberDriftLimit),
                body.decimal("diskFullFraction", current.diskFullFraction),
                body.decimal("connectorTemperatureLimitC", current.connectorTemperatureLimitC),
                body.decimal("doorFaultsPerWeek", current.doorFaultsPerWeek),
                body.whole("horizonDays", current.horizonDays), body.whole("minDailyPoints", current.minDailyPoints),
                body.whole("emergencyDueDays", current.emergencyDueDays), body.whole("faultDueDays", current.faultDueDays),
                body.steps("escalationDays", current.escalationDays));
    }
}
