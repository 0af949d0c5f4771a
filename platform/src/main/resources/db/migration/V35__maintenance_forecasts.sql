-- The maintenance forecasts of the last pass: one row per device, subject and metric that has a
-- forecast (due within the horizon, or later). A series without one (too few points, no
-- significant trend, too noisy, moving away from its limit) has no row; the pass removes rows it
-- did not refresh, including those of removed devices (no foreign key: the pass reads rollups,
-- which outlive devices).
CREATE TABLE maintenance_forecasts (
    device_id      text NOT NULL,
    subject        text NOT NULL CHECK (subject IN
                       ('battery_depletion', 'chamber_drift', 'disk_full', 'temperature_creep', 'door_faults')),
    metric         text NOT NULL,
    outcome        text NOT NULL CHECK (outcome IN ('due', 'beyond_horizon')),
    computed_at    timestamptz NOT NULL,
    -- when the forecast last became due (notified then); null while beyond the horizon
    raised_at      timestamptz,
    points         integer NOT NULL CHECK (points > 0),
    first_day      date NOT NULL,
    last_day       date NOT NULL,
    slope_per_day  double precision NOT NULL,
    slope_low      double precision NOT NULL,
    slope_high     double precision NOT NULL,
    level          double precision NOT NULL,
    limit_value    double precision NOT NULL,
    rising         boolean NOT NULL,
    confidence     double precision NOT NULL,
    expected_on    date NOT NULL,
    earliest_on    date NOT NULL,
    latest_on      date NOT NULL,
    due_in_days    integer NOT NULL CHECK (due_in_days >= 0),
    PRIMARY KEY (device_id, subject, metric)
);
CREATE INDEX maintenance_forecasts_due_idx ON maintenance_forecasts (expected_on) WHERE outcome = 'due';
