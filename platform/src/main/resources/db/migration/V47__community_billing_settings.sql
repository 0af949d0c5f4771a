-- Anju schema, version 47: a community's own billing figures (package billing, billing.settings;
-- docs/billing.md "Per-community settings"). A column left NULL means the platform default of
-- anju-defaults.yaml (billing.*, parking.minConfidence); late fees and prices are tariffs, which are
-- per community already.
CREATE TABLE community_billing_settings (
    community_id                    text PRIMARY KEY REFERENCES communities (id),
    invoice_due_days                integer CHECK (invoice_due_days BETWEEN 0 AND 365),
    common_area_fund_share_percent  integer CHECK (common_area_fund_share_percent BETWEEN 0 AND 100),
    non_owner_lease_max_months      integer CHECK (non_owner_lease_max_months BETWEEN 1 AND 120),
    -- days past the due date on which an overdue invoice is reminded, ascending
    reminder_days_past_due          integer[] CHECK (cardinality(reminder_days_past_due) BETWEEN 1 AND 10),
    plate_min_confidence            numeric(4, 3) CHECK (plate_min_confidence BETWEEN 0 AND 1),
    updated_at                      timestamptz NOT NULL DEFAULT now(),
    updated_by                      text NOT NULL
);
