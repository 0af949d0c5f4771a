-- Owners' votes (Civil Code art. 278; docs/billing.md "Owners' votes"). Owner: votes.
-- A motion is drafted, opened for a period (its electorate snapshotted then, so that later changes
-- of households or owners do not move the result) and closed with its result frozen in its row.

CREATE TABLE motions (
    id                       bigserial PRIMARY KEY,
    tenant_id                text NOT NULL,
    community_id             text NOT NULL REFERENCES communities (id),
    kind                     text NOT NULL CHECK (kind IN ('fund_use', 'fund_raising', 'common_parts_business',
                                                           'rebuilding', 'other')),
    title                    text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description              text NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
    voting_days              int NOT NULL CHECK (voting_days BETWEEN 1 AND 90),
    status                   text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed')),
    created_by               text NOT NULL,
    created_at               timestamptz NOT NULL,
    opened_at                timestamptz,
    closes_at                timestamptz,
    closed_at                timestamptz,
    -- the electorate at opening: private area in 0.01 m2 and households (one owner by head each)
    total_area_centi         bigint,
    total_owners             bigint,
    -- the frozen result, written once when the motion closes
    participating_area_centi bigint,
    participating_owners     bigint,
    yes_area_centi           bigint,
    yes_owners               bigint,
    no_area_centi            bigint,
    no_owners                bigint,
    abstain_area_centi       bigint,
    abstain_owners           bigint,
    outcome                  text CHECK (outcome IN ('approved', 'rejected', 'no_quorum')),
    CHECK ((status = 'draft') = (opened_at IS NULL)),
    CHECK ((status = 'closed') = (outcome IS NOT NULL AND closed_at IS NOT NULL))
);

CREATE INDEX motions_community ON motions (community_id, id DESC);
CREATE INDEX motions_open_until ON motions (closes_at) WHERE status = 'open';

CREATE TABLE motion_electorate (
    motion_id    bigint NOT NULL REFERENCES motions (id),
    household_id bigint NOT NULL,
    area_centi   bigint NOT NULL CHECK (area_centi > 0),
    owners       text[] NOT NULL,
    PRIMARY KEY (motion_id, household_id)
);

CREATE TABLE ballots (
    id           bigserial PRIMARY KEY,
    motion_id    bigint NOT NULL,
    household_id bigint NOT NULL,
    choice       text NOT NULL CHECK (choice IN ('yes', 'no', 'abstain')),
    cast_by      text NOT NULL,
    cast_at      timestamptz NOT NULL,
    -- one ballot per household, and only a household of the motion's electorate
    UNIQUE (motion_id, household_id),
    FOREIGN KEY (motion_id, household_id) REFERENCES motion_electorate (motion_id, household_id)
);
