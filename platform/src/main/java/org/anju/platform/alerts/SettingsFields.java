package org.anju.platform.alerts;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import io.vertx.core.json.JsonObject;

import org.anju.error.ClientError;
import org.anju.platform.storage.Sql;

/**
 * The thresholds a community may set for itself, as the API names them (units in the names) and
 * as {@code community_alert_settings} stores them; reading, checking and replacing a community's own values.
 */
final class SettingsFields {

    private enum Kind { BOOLEAN, WHOLE, DECIMAL }

    private record Field(String name, String column, Kind kind, double min, double max) {
    }

    static final List<Field> FIELDS = List.of(
            new Field("urban", "urban", Kind.BOOLEAN, 0, 0),
            new Field("rescueSlaUrbanSeconds", "rescue_sla_urban_s", Kind.WHOLE, 1, 86_400),
            new Field("rescueSlaOtherSeconds", "rescue_sla_other_s", Kind.WHOLE, 1, 86_400),
            new Field("entrapmentAfterSeconds", "entrapment_after_s", Kind.WHOLE, 0, 3600),
            new Field("lowBatteryPercent", "low_battery_percent", Kind.DECIMAL, 0, 100),
            new Field("cameraMaxTemperature", "camera_max_temperature", Kind.DECIMAL, -40, 120),
            new Field("cameraStorageFullPercent", "camera_storage_full_percent", Kind.DECIMAL, 1, 100),
            new Field("chargerMaxTemperature", "charger_max_temperature", Kind.DECIMAL, -40, 150),
            new Field("stormThreshold", "storm_threshold", Kind.WHOLE, 2, 100_000),
            new Field("stormWindowSeconds", "storm_window_s", Kind.WHOLE, 1, 86_400),
            new Field("fireAckTimeoutSeconds", "fire_ack_timeout_s", Kind.WHOLE, 1, 86_400),
            new Field("fireConfirmTimeoutSeconds", "fire_confirm_timeout_s", Kind.WHOLE, 1, 86_400),
            new Field("falseAlarmDailyLimit", "false_alarm_daily_limit", Kind.WHOLE, 0, 100_000));

    private SettingsFields() {
    }

    /** Returns the community's own values by API name; absent names use the default. */
    static Map<String, Object> own(Connection c, String communityId) throws SQLException {
        Map<String, Object> own = new LinkedHashMap<>();
        Sql.one(c, "SELECT * FROM community_alert_settings WHERE community_id = ?", rs -> {
            for (Field f : FIELDS) {
                Object value = rs.getObject(f.column());
                if (value != null) {
                    own.put(f.name(), value instanceof Number n && f.kind() == Kind.WHOLE ? n.longValue() : value);
                }
            }
            return true;
        }, communityId);
        return own;
    }

    /**
     * Checks a body of own values: each known name with a value in range, or null for the default.
     *
     * @throws ClientError 400 naming the field
     */
    static Map<String, Object> check(JsonObject body) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String name : body.fieldNames()) {
            Field f = FIELDS.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow(() -> ClientError.badRequest(
                    "unknown field '" + name + "'; known: " + String.join(", ", FIELDS.stream().map(Field::name).toList())));
            Object value = body.getValue(name);
            values.put(name, value == null ? null : checked(f, value));
        }
        return values;
    }

    private static Object checked(Field f, Object value) {
        switch (f.kind()) {
            case BOOLEAN -> {
                if (value instanceof Boolean b) {
                    return b;
                }
                throw ClientError.badRequest("field '" + f.name() + "' must be true, false or null");
            }
            case WHOLE -> {
                if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                        && n.doubleValue() >= f.min() && n.doubleValue() <= f.max()) {
                    return n.intValue();
                }
                throw ClientError.badRequest("field '" + f.name() + "' must be a whole number from " + (long) f.min()
                        + " to " + (long) f.max() + ", or null");
            }
            default -> {
                if (value instanceof Number n && n.doubleValue() >= f.min() && n.doubleValue() <= f.max()) {
                    return n.doubleValue();
                }
                throw ClientError.badRequest("field '" + f.name() + "' must be a number from " + f.min() + " to "
                        + f.max() + ", or null");
            }
        }
    }

    /** Returns the settings in effect by API name, as {@link #own} names them. */
    static Map<String, Object> effective(AlertSettings s) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("urban", s.urban());
        values.put("rescueSlaUrbanSeconds", s.rescueSlaUrban().toSeconds());
        values.put("rescueSlaOtherSeconds", s.rescueSlaOther().toSeconds());
        values.put("entrapmentAfterSeconds", s.entrapmentAfter().toSeconds());
        values.put("lowBatteryPercent", s.lowBatteryPercent());
        values.put("cameraMaxTemperature", s.cameraMaxTemperature());
        values.put("cameraStorageFullPercent", s.cameraStorageFullPercent());
        values.put("chargerMaxTemperature", s.chargerMaxTemperature());
        values.put("stormThreshold", s.stormThreshold());
        values.put("stormWindowSeconds", s.stormWindow().toSeconds());
        values.put("fireAckTimeoutSeconds", s.fireAckTimeout().toSeconds());
        values.put("fireConfirmTimeoutSeconds", s.fireConfirmTimeout().toSeconds());
        values.put("falseAlarmDailyLimit", s.falseAlarmDailyLimit());
        return values;
    }

    /** Sets the given own values (null: back to the default), leaving the others. */
    static void update(Connection c, String communityId, Map<String, Object> values) throws SQLException {
        Sql.update(c, "INSERT INTO community_alert_settings (community_id) VALUES (?) ON CONFLICT DO NOTHING", communityId);
        if (values.isEmpty()) {
            return;
        }
        StringJoiner sets = new StringJoiner(", ");
        List<Object> parameters = new ArrayList<>();
        for (Field f : FIELDS) {
            if (values.containsKey(f.name())) {
                sets.add(f.column() + " = ?");
                parameters.add(values.get(f.name()));
            }
        }
        parameters.add(communityId);
        Sql.update(c, "UPDATE community_alert_settings SET " + sets + " WHERE community_id = ?", parameters.toArray());
    }
}
