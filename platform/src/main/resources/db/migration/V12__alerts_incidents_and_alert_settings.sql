-- Anju schema, version 12: alert records, storm incidents and per-community alert thresholds.
-- See docs/alerts.md for the rules, severities and lifecycle.

-- Thresholds a community sets for itself; a null column keeps the platform default (alerts.* keys).
CREATE TABLE community_alert_settings (
    community_id              text PRIMARY KEY REFERENCES communities (id),
    -- urban districts get the 30 min rescue SLA, others 1 h (TSG/96333 practice, see DOMAIN.md)
    urban                     boolean,
    rescue_sla_urban_s        integer CHECK (rescue_sla_urban_s > 0),
    rescue_sla_other_s        integer CHECK (rescue_sla_other_s > 0),
    entrapment_after_s        integer CHECK (entrapment_after_s BETWEEN 0 AND 3600),
    low_battery_percent       double precision CHECK (low_battery_percent BETWEEN 0 AND 100),
    camera_max_temperature    double precision CHECK (camera_max_temperature BETWEEN -40 AND 120),
    camera_storage_full_percent double precision CHECK (camera_storage_full_percent BETWEEN 1 AND 100),
    charger_max_temperature   double precision CHECK (charger_max_temperature BETWEEN -40 AND 150),
    storm_threshold           integer CHECK (storm_threshold >= 2),
    storm_window_s            integer CHECK (storm_window_s > 0),
    fire_ack_timeout_s        integer CHECK (fire_ack_timeout_s > 0),
    fire_confirm_timeout_s    integer CHECK (fire_confirm_timeout_s > 0),
    false_alarm_daily_limit   integer CHECK (false_alarm_daily_limit >= 0)
);

-- Many alerts of one type in one building within a window: one incident with the alerts as children.
CREATE TABLE incidents (
    id            bigserial PRIMARY KEY,
    tenant_id     text NOT NULL REFERENCES tenants (id),
    community_id  text NOT NULL REFERENCES communities (id),
    -- '' for devices without a building, so that the open-incident index covers them too
    building_id   text NOT NULL,
    type          text NOT NULL,
    severity      text NOT NULL,
    fire          boolean NOT NULL,
    status        text NOT NULL CHECK (status IN ('open', 'resolved')),
    opened_at     timestamptz NOT NULL,
    last_seen     timestamptz NOT NULL,
    resolved_at   timestamptz
);
CREATE UNIQUE INDEX incidents_one_open_idx ON incidents (community_id, building_id, type) WHERE status = 'open';
CREATE INDEX incidents_community_idx ON incidents (community_id, id DESC);

CREATE TABLE alerts (
    id               bigserial PRIMARY KEY,
    tenant_id        text NOT NULL REFERENCES tenants (id),
    community_id     text NOT NULL REFERENCES communities (id),
    building_id      text REFERENCES buildings (id),
    floor            integer,
    -- where, in words: community, address, building, floor, the device's and the signal's location
    address          text NOT NULL,
    device_id        text NOT NULL REFERENCES devices (id),
    device_type      text NOT NULL,
    -- dotted lower case: fire_alarm, panel_fault, elevator_fault.04, charger_fault.ground_failure ...
    type             text NOT NULL CHECK (type ~ '^[a-z0-9_]+(\.[a-z0-9_]+)*$'),
    severity         text NOT NULL CHECK (severity IN ('critical', 'major', 'minor', 'warning', 'info')),
    -- whether the fire brigade may see it
    fire             boolean NOT NULL,
    status           text NOT NULL CHECK (status IN ('open', 'acknowledged', 'resolved')),
    -- when the platform opened the record (storm windows count on it; first_seen is the device's time)
    opened_at        timestamptz NOT NULL,
    first_seen       timestamptz NOT NULL,
    last_seen        timestamptz NOT NULL,
    occurrences      integer NOT NULL DEFAULT 1 CHECK (occurrences > 0),
    -- the latest signal's facts (fault code, reading, the panel's location text ...)
    detail           jsonb NOT NULL DEFAULT '{}'::jsonb,
    incident_id      bigint REFERENCES incidents (id),
    -- when the device said the condition ended (fire alarms stay open until their workflow closes)
    cleared_at       timestamptz,
    acknowledged_at  timestamptz,
    acknowledged_by  text,
    resolved_at      timestamptz,
    resolved_by      text,
    -- cleared (by the device), manual (by a person), workflow (fire workflow closed)
    resolution       text CHECK (resolution IN ('cleared', 'manual', 'workflow')),
    note             text,
    updated_at       timestamptz NOT NULL DEFAULT now()
);
-- At most one unresolved alert per device and type: repeated or concurrent signals count up on it.
CREATE UNIQUE INDEX alerts_one_open_idx ON alerts (device_id, type) WHERE status <> 'resolved';
CREATE INDEX alerts_community_idx ON alerts (community_id, id DESC);
CREATE INDEX alerts_fire_idx ON alerts (id DESC) WHERE fire;
CREATE INDEX alerts_storm_idx ON alerts (community_id, type, opened_at);
CREATE INDEX alerts_incident_idx ON alerts (incident_id) WHERE incident_id IS NOT NULL;

-- How far the alert rules have applied device events (by id; one ingest writer assigns ids in
-- commit order). On start they replay the events after it, so that a crash between ingest's
-- commit and theirs loses no event. The index serves that replay.
CREATE TABLE alert_rule_progress (
    id             boolean PRIMARY KEY DEFAULT true CHECK (id),
    last_event_id  bigint NOT NULL
);
CREATE INDEX device_events_id_idx ON device_events (id);
