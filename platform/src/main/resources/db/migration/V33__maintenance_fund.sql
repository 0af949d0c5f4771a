-- The housing maintenance fund (住宅专项维修资金; docs/billing.md "Maintenance fund"). Owner: fund.
-- Money itself lives in the ledger (a maintenance_fund account per household); these tables hold
-- the community's fund settings, each household's first deposit, and the expenses with what
-- justified them and how they were shared.

CREATE TABLE fund_settings (
    community_id              text PRIMARY KEY REFERENCES communities (id),
    -- the first deposit per m2 of private area (commercial housing: 5-8 % of the local construction cost)
    first_deposit_fen_per_m2  bigint NOT NULL CHECK (first_deposit_fen_per_m2 >= 0),
    -- a replenishment (续筹) notice when a household's balance falls below this share of its first deposit
    replenishment_percent     int NOT NULL DEFAULT 30 CHECK (replenishment_percent BETWEEN 1 AND 100),
    updated_by                text NOT NULL,
    updated_at                timestamptz NOT NULL
);

CREATE TABLE fund_accounts (
    household_id      bigint PRIMARY KEY REFERENCES households (id),
    community_id      text NOT NULL REFERENCES fund_settings (community_id),
    -- the private area the first deposit was computed from, 0.01 m2; expenses are shared by it
    area_centi        bigint NOT NULL CHECK (area_centi > 0),
    first_deposit_fen bigint NOT NULL CHECK (first_deposit_fen >= 0),
    opened_at         timestamptz NOT NULL
);
CREATE INDEX fund_accounts_community ON fund_accounts (community_id);

CREATE TABLE fund_expenses (
    id           bigserial PRIMARY KEY,
    community_id text NOT NULL REFERENCES fund_settings (community_id),
    -- the caller's reference, which makes recording an expense again harmless
    reference    text NOT NULL CHECK (length(reference) BETWEEN 1 AND 100),
    amount_fen   bigint NOT NULL CHECK (amount_fen > 0),
    description  text NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
    -- an approved owners' resolution of kind fund_use ...
    motion_id    bigint REFERENCES motions (id),
    -- ... or an emergency with the alert that justifies it
    emergency    text CHECK (emergency IN ('elevator_overtravel', 'fire_facility_failed')),
    alert_id     bigint,
    recorded_by  text NOT NULL,
    recorded_at  timestamptz NOT NULL,
    UNIQUE (community_id, reference),
    CHECK ((motion_id IS NULL) <> (emergency IS NULL)),
    CHECK ((emergency IS NULL) = (alert_id IS NULL))
);

CREATE TABLE fund_expense_shares (
    expense_id   bigint NOT NULL REFERENCES fund_expenses (id),
    household_id bigint NOT NULL REFERENCES fund_accounts (household_id),
    amount_fen   bigint NOT NULL CHECK (amount_fen >= 0),
    PRIMARY KEY (expense_id, household_id)
);
