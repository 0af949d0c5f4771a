package org.anju.platform.alerts;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.anju.platform.storage.Sql;

/**
 * The alert settings of communities: the platform defaults with each community's own values from
 * {@code community_alert_settings} (a null column keeps the default). Read in the transaction
 * that uses them, so a change applies to the next signal.
 */
public final class CommunitySettings {

    private final AlertSettings defaults;

    public CommunitySettings(AlertSettings defaults) {
        this.defaults = defaults;
    }

    public AlertSettings defaults() {
        return defaults;
    }

    /** Returns the settings of one community. */
    public AlertSettings of(Connection c, String communityId) throws SQLException {
        return of(c, java.util.List.of(communityId)).getOrDefault(communityId, defaults);
    }

    /** Returns the settings of each community that has its own; others use {@link #defaults()}. */
    public Map<String, AlertSettings> of(Connection c, Collection<String> communityIds) throws SQLException {
        Map<String, AlertSettings> settings = new HashMap<>();
        for (Map.Entry<String, AlertSettings> e : Sql.query(c,
                "SELECT * FROM community_alert_settings WHERE community_id = ANY (?)",
                rs -> Map.entry(rs.getString("community_id"), merge(rs)), (Object) communityIds.toArray(String[]::new))) {
            settings.put(e.getKey(), e.getValue());
        }
        return settings;
    }

    private AlertSettings merge(ResultSet rs) throws SQLException {
        AlertSettings d = defaults;
        boolean urban = rs.getBoolean("urban");
        if (rs.wasNull()) {
            urban = d.urban();
        }
        return new AlertSettings(urban, seconds(rs, "rescue_sla_urban_s", d.rescueSlaUrban()),
                seconds(rs, "rescue_sla_other_s", d.rescueSlaOther()), seconds(rs, "entrapment_after_s", d.entrapmentAfter()),
                number(rs, "low_battery_percent", d.lowBatteryPercent()),
                number(rs, "camera_max_temperature", d.cameraMaxTemperature()),
                number(rs, "camera_storage_full_percent", d.cameraStorageFullPercent()),
                number(rs, "charger_max_temperature", d.chargerMaxTemperature()),
                (int) number(rs, "storm_threshold", d.stormThreshold()), seconds(rs, "storm_window_s", d.stormWindow()),
                seconds(rs, "fire_ack_timeout_s", d.fireAckTimeout()),
                seconds(rs, "fire_confirm_timeout_s", d.fireConfirmTimeout()),
                (int) number(rs, "false_alarm_daily_limit", d.falseAlarmDailyLimit()));
    }

    private static Duration seconds(ResultSet rs, String column, Duration otherwise) throws SQLException {
        Integer value = Sql.integer(rs, column);
        return value == null ? otherwise : Duration.ofSeconds(value);
    }

    private static double number(ResultSet rs, String column, double otherwise) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? otherwise : value;
    }
}
