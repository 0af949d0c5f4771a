package org.anju.platform.maintenance.settings;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.anju.platform.storage.Sql;
import org.anju.platform.storage.UnitOfWork;

/**
 * A community's own maintenance figures (table {@code community_maintenance_settings}), read and
 * written in the caller's transaction: the forecast pass, corrective orders and the escalation job
 * ask it for the communities they work on.
 */
public final class MaintenanceSettingsStore {

    private static final String COLUMNS = """
            community_id, battery_floor_percent, chamber_drift_limit, disk_full_fraction, connector_temperature_limit_c,
            door_faults_per_week, horizon_days, min_daily_points, emergency_due_days, fault_due_days, escalation_days""";

    private MaintenanceSettingsStore() {
    }

    /** Returns the community's own figures; {@link CommunityMaintenanceSettings#NONE} when it has none. */
    public static CommunityMaintenanceSettings of(UnitOfWork.Tx tx, String communityId) throws SQLException {
        return tx.one("SELECT " + COLUMNS + " FROM community_maintenance_settings WHERE community_id = ?",
                MaintenanceSettingsStore::settings, communityId).orElse(CommunityMaintenanceSettings.NONE);
    }

    /** Returns the own figures of every community that has any, by community id (a few rows: one per such community). */
    public static Map<String, CommunityMaintenanceSettings> all(UnitOfWork.Tx tx) throws SQLException {
        Map<String, CommunityMaintenanceSettings> all = new HashMap<>();
        tx.query("SELECT " + COLUMNS + " FROM community_maintenance_settings",
                rs -> all.put(rs.getString("community_id"), settings(rs)));
        all.values().removeIf(CommunityMaintenanceSettings::none);
        return all;
    }

    /** Replaces the community's own figures (null columns: the defaults). */
    public static void put(UnitOfWork.Tx tx, String communityId, CommunityMaintenanceSettings s, String username,
            Instant now) throws SQLException {
        tx.update("INSERT INTO community_maintenance_settings (" + COLUMNS + ", updated_by, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (community_id) DO UPDATE SET "
                + "battery_floor_percent = excluded.battery_floor_percent, "
                + "chamber_drift_limit = excluded.chamber_drift_limit, disk_full_fraction = excluded.disk_full_fraction, "
                + "connector_temperature_limit_c = excluded.connector_temperature_limit_c, "
                + "door_faults_per_week = excluded.door_faults_per_week, horizon_days = excluded.horizon_days, "
                + "min_daily_points = excluded.min_daily_points, emergency_due_days = excluded.emergency_due_days, "
                + "fault_due_days = excluded.fault_due_days, escalation_days = excluded.escalation_days, "
                + "updated_by = excluded.updated_by, updated_at = excluded.updated_at", communityId,
                s.batteryFloorPercent(), s.chamberDriftLimit(), s.diskFullFraction(), s.connectorTemperatureLimitC(),
                s.doorFaultsPerWeek(), s.horizonDays(), s.minDailyPoints(), s.emergencyDueDays(), s.faultDueDays(),
                s.escalationDays() == null ? null : Sql.array(tx.connection(), "int4", s.escalationDays()), username, now);
    }

    private static CommunityMaintenanceSettings settings(ResultSet rs) throws SQLException {
        return new CommunityMaintenanceSettings(rs.getBigDecimal("battery_floor_percent"),
                rs.getBigDecimal("chamber_drift_limit"), rs.getBigDecimal("disk_full_fraction"),
                rs.getBigDecimal("connector_temperature_limit_c"), rs.getBigDecimal("door_faults_per_week"),
                Sql.integer(rs, "horizon_days"), Sql.integer(rs, "min_daily_points"),
                Sql.integer(rs, "emergency_due_days"), Sql.integer(rs, "fault_due_days"),
                steps(rs.getArray("escalation_days")));
    }

    private static List<Integer> steps(Array array) throws SQLException {
        return array == null ? null : Arrays.stream((Integer[]) array.getArray()).toList();
    }
}
