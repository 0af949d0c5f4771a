package org.anju.platform.alerts;

import java.time.Duration;

import org.anju.platform.alerts.rules.RuleSettings;

/**
 * The thresholds and timings of alert rules, the fire workflow and rescues: the platform defaults
 * ({@code alerts.*} configuration keys), which a community may override (table
 * {@code community_alert_settings}).
 *
 * @param urban                    whether the community is in an urban district (rescue SLA)
 * @param rescueSlaUrban           how soon rescuers must arrive in urban districts (30 min)
 * @param rescueSlaOther           how soon elsewhere (1 h)
 * @param entrapmentAfter          how long a levelled car may stand closed with a passenger before it is an entrapment
 * @param lowBatteryPercent        smoke detector battery below which it is low
 * @param cameraMaxTemperature     camera temperature above which it is over temperature, °C
 * @param cameraStorageFullPercent recording storage use from which it is full, %
 * @param chargerMaxTemperature    charger connector temperature above which it is over temperature, °C
 * @param stormThreshold           alerts of one type in one building within {@code stormWindow} that make an incident
 * @param stormWindow              the storm window
 * @param fireAckTimeout           a fire alarm not acknowledged this long after receipt is escalated
 * @param fireConfirmTimeout       a fire alarm without a verdict this long after receipt is escalated again
 * @param falseAlarmDailyLimit     false alarms a day above which a facility is flagged (GB 25201: 5)
 */
public record AlertSettings(boolean urban, Duration rescueSlaUrban, Duration rescueSlaOther, Duration entrapmentAfter,
        double lowBatteryPercent, double cameraMaxTemperature, double cameraStorageFullPercent,
        double chargerMaxTemperature, int stormThreshold, Duration stormWindow, Duration fireAckTimeout,
        Duration fireConfirmTimeout, int falseAlarmDailyLimit) implements RuleSettings {

    /** Returns the rescue SLA of the community's district. */
    public Duration rescueSla() {
        return urban ? rescueSlaUrban : rescueSlaOther;
    }
}
