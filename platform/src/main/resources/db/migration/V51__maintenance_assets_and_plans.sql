-- Maintenance assets and plans (issue 13 item 1; docs/maintenance.md "Assets and plans"), owned by
-- org.anju.platform.maintenance.plans. One asset row per device that is maintained; plans store their
-- rule and the last occurrence done, never the occurrences ahead (the next follows from the rule).
-- No foreign keys to the registry: the owner's API checks the device when the row is written.
CREATE TABLE maintenance_assets (
    device_id               text PRIMARY KEY,
    community_id            text NOT NULL,
    asset_kind              text NOT NULL CHECK (asset_kind IN
                                ('elevator', 'smoke_detector', 'fire_panel', 'ev_charger', 'parcel_locker', 'camera')),
    -- the maintainer company: a plain id and name here; its users belong to maintenance.work
    maintainer_company_id   text,
    maintainer_company_name text,
    contract_ref            text,
    mode                    text NOT NULL CHECK (mode IN ('calendar', 'on_demand')),
    registration_code       text,
    last_inspection_on      date,
    next_inspection_on      date,
    -- usage counters count from here: the last completed maintenance (or when the asset was provisioned)
    counters_since          timestamptz NOT NULL,
    updated_at              timestamptz NOT NULL,
    CHECK (mode = 'calendar' OR asset_kind = 'elevator')
);
CREATE INDEX maintenance_assets_community_idx ON maintenance_assets (community_id);

CREATE TABLE maintenance_plans (
    id              bigserial PRIMARY KEY,
    community_id    text NOT NULL,
    device_id       text NOT NULL REFERENCES maintenance_assets (device_id) ON DELETE CASCADE,
    kind            text NOT NULL,
    -- in the kind's unit (days or months)
    every           integer NOT NULL CHECK (every > 0),
    start_on        date NOT NULL,
    lead_days       integer NOT NULL CHECK (lead_days >= 0),
    checklist       text[] NOT NULL,
    min_crew        integer NOT NULL CHECK (min_crew >= 1),
    last_done_on    date,
    -- the due day of the occurrence whose work order was opened last (the daily run skips it)
    opened_due_on   date,
    created_by      text NOT NULL,
    updated_at      timestamptz NOT NULL,
    UNIQUE (device_id, kind)
);
CREATE INDEX maintenance_plans_community_idx ON maintenance_plans (community_id);

-- Completed work already applied (CompletionListener is idempotent per work order).
CREATE TABLE maintenance_completions (
    work_order_id   bigint PRIMARY KEY,
    device_id       text NOT NULL,
    source_ref      text NOT NULL,
    completed_at    timestamptz NOT NULL,
    applied_at      timestamptz NOT NULL
);
