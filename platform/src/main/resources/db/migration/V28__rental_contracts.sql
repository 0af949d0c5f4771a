-- Anju schema, version 28: rental contracts of parking spaces and the owners' waiting list
-- (package billing; docs/billing.md "Rental contracts"). Needs estate's V24 (households,
-- parking_spaces). One contract per space at a time is enforced by the database: an exclusion
-- constraint over the space and the contract's days (btree_gist, a contrib extension shipped with
-- PostgreSQL, present on the embedded server and on TimescaleDB).
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE rental_contracts (
    id                  bigserial PRIMARY KEY,
    community_id        text NOT NULL,
    space_id            bigint NOT NULL REFERENCES parking_spaces (id),
    household_id        bigint NOT NULL,
    -- the household had an owner in the community on the first day (Civil Code 276: owners first)
    owner_household     boolean NOT NULL,
    term                text NOT NULL CHECK (term IN ('monthly', 'quarterly', 'yearly')),
    -- the rent of one period, from the space_rent tariff in force on the first day
    period_fen          bigint NOT NULL CHECK (period_fen >= 0),
    starts_on           date NOT NULL,
    -- the first day no longer covered (exclusive)
    ends_on             date NOT NULL,
    -- the first day no longer covered after an early termination; null while not terminated
    terminated_on       date,
    -- the owners' resolution (votes) that allows leasing a common-area space to a non-owner
    resolution_id       bigint,
    renews_contract_id  bigint REFERENCES rental_contracts (id),
    created_by          text NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    CHECK (ends_on > starts_on),
    CHECK (terminated_on IS NULL OR (terminated_on > starts_on AND terminated_on < ends_on)),
    FOREIGN KEY (household_id, community_id) REFERENCES households (id, community_id),
    CONSTRAINT rental_contracts_one_per_space
        EXCLUDE USING gist (space_id WITH =, daterange(starts_on, coalesce(terminated_on, ends_on)) WITH &&)
);
CREATE INDEX rental_contracts_community_idx ON rental_contracts (community_id, starts_on);
CREATE INDEX rental_contracts_household_idx ON rental_contracts (household_id);

-- Owner households waiting for a space; while one waits, no space is leased to a non-owner.
CREATE TABLE space_waiting_list (
    id            bigserial PRIMARY KEY,
    community_id  text NOT NULL,
    household_id  bigint NOT NULL,
    since         timestamptz NOT NULL DEFAULT now(),
    -- when the household got a contract (or withdrew); null while it waits
    left_at       timestamptz,
    FOREIGN KEY (household_id, community_id) REFERENCES households (id, community_id)
);
CREATE UNIQUE INDEX space_waiting_list_waiting ON space_waiting_list (household_id) WHERE left_at IS NULL;
CREATE INDEX space_waiting_list_community_idx ON space_waiting_list (community_id) WHERE left_at IS NULL;
