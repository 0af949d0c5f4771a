-- Anju schema, version 56: work orders (package maintenance.work; docs/maintenance.md "Work orders").
-- One order per due work (source_ref is the idempotency key of opening it): open -> assigned ->
-- in_progress -> done -> verified, or cancelled with a reason; a timestamp per transition.
CREATE TABLE work_orders (
    id                 bigserial PRIMARY KEY,
    tenant_id          text NOT NULL,
    community_id       text NOT NULL,
    device_id          text NOT NULL,
    device_type        text NOT NULL,
    source             text NOT NULL CHECK (source IN ('plan', 'counter', 'forecast', 'alert')),
    source_ref         text NOT NULL UNIQUE,
    -- the fault alert the order was opened for (source alert), shown both ways
    alert_id           bigint,
    title              text NOT NULL,
    due_on             date NOT NULL,
    emergency          boolean NOT NULL,
    -- the fund's emergency kind (elevator_overtravel, fire_facility_failed) and the alert that justifies it
    emergency_kind     text,
    evidence           jsonb,
    checklist          text[] NOT NULL,
    min_crew           integer NOT NULL CHECK (min_crew >= 1),
    status             text NOT NULL CHECK (status IN ('open', 'assigned', 'in_progress', 'done', 'verified', 'cancelled')),
    company_id         bigint REFERENCES maintainer_companies (id),
    assignee           text,
    crew               text[] NOT NULL DEFAULT '{}',
    -- item code -> {"ok": bool, "note": text}
    checklist_results  jsonb NOT NULL DEFAULT '{}',
    photos             text[] NOT NULL DEFAULT '{}',
    -- [{"by": user, "at": instant, "text": ...}]
    notes              jsonb NOT NULL DEFAULT '[]',
    cancel_reason      text,
    opened_at          timestamptz NOT NULL,
    assigned_at        timestamptz,
    started_at         timestamptz,
    done_at            timestamptz,
    verified_at        timestamptz,
    verified_by        text,
    cancelled_at       timestamptz,
    updated_at         timestamptz NOT NULL,
    CHECK (emergency OR emergency_kind IS NULL)
);
CREATE INDEX work_orders_community_idx ON work_orders (community_id, status, due_on);
CREATE INDEX work_orders_company_idx ON work_orders (company_id) WHERE company_id IS NOT NULL;
CREATE INDEX work_orders_device_idx ON work_orders (device_id, opened_at);
CREATE INDEX work_orders_open_due_idx ON work_orders (due_on) WHERE status IN ('open', 'assigned', 'in_progress');
