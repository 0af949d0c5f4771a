-- Anju schema, version 58: a community's own maintenance figures (package maintenance.settings;
-- docs/maintenance.md "Per-community settings"). A null column means the platform default
-- (maintenance.* in anju-defaults.yaml); the API checks the ranges, the CHECKs only guard the worst.
CREATE TABLE community_maintenance_settings (
    community_id                  text PRIMARY KEY,
    -- the forecasts' limits, horizon and fewest points
    battery_floor_percent         numeric CHECK (battery_floor_percent BETWEEN 0 AND 100),
    chamber_drift_limit           numeric CHECK (chamber_drift_limit BETWEEN 0 AND 100),
    disk_full_fraction            numeric CHECK (disk_full_fraction > 0 AND disk_full_fraction <= 1),
    connector_temperature_limit_c numeric CHECK (connector_temperature_limit_c BETWEEN 0 AND 150),
    door_faults_per_week          numeric CHECK (door_faults_per_week >= 1),
    horizon_days                  integer CHECK (horizon_days >= 1),
    min_daily_points              integer CHECK (min_daily_points >= 3),
    -- corrective work orders: days from the fault to the due day
    emergency_due_days            integer CHECK (emergency_due_days >= 0),
    fault_due_days                integer CHECK (fault_due_days >= 0),
    -- days overdue at which each escalation step is reached, ascending
    escalation_days               integer[],
    updated_by                    text NOT NULL,
    updated_at                    timestamptz NOT NULL
);
