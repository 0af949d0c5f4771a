-- Anju schema, version 55: maintainer companies (package maintenance.work; docs/maintenance.md "Work
-- orders"). A property company (tenant) contracts maintainer companies (the elevator maintainer, the
-- fire-facility maintainer, ...); a maintenance contractor user belongs to one of them and sees only
-- the work orders assigned to it, in the communities the user was given.
CREATE TABLE maintainer_companies (
    id          bigserial PRIMARY KEY,
    tenant_id   text NOT NULL,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at  timestamptz NOT NULL,
    UNIQUE (tenant_id, name)
);
-- a contractor user's company: one per user (the role maintenance_contractor is in user_roles)
CREATE TABLE maintainer_company_staff (
    username    text PRIMARY KEY,
    company_id  bigint NOT NULL REFERENCES maintainer_companies (id),
    added_at    timestamptz NOT NULL
);
CREATE INDEX maintainer_company_staff_company_idx ON maintainer_company_staff (company_id);
