-- Usage counters (issue 13 item 2; docs/maintenance.md "Usage counters"), owned by
-- org.anju.platform.maintenance.plans. Counters are computed from stored telemetry since the asset's
-- counters_since; only the thresholds and the fact that work was opened are stored.
CREATE TABLE maintenance_counter_thresholds (
    community_id  text NOT NULL,
    counter       text NOT NULL,
    threshold     double precision NOT NULL CHECK (threshold > 0),
    updated_by    text NOT NULL,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (community_id, counter)
);

-- the counters_since whose threshold work was opened (one counter order per maintenance cycle)
ALTER TABLE maintenance_assets ADD COLUMN counter_work_since timestamptz;
