-- Anju schema, version 14: elevator rescue records. An entrapment opens one; the maintenance
-- company is told (notification rescue.opened) and must arrive within the SLA (30 min urban,
-- 1 h elsewhere; configurable per community).
CREATE TABLE rescues (
    id             bigserial PRIMARY KEY,
    alert_id       bigint NOT NULL UNIQUE REFERENCES alerts (id),
    tenant_id      text NOT NULL REFERENCES tenants (id),
    community_id   text NOT NULL REFERENCES communities (id),
    device_id      text NOT NULL REFERENCES devices (id),
    state          text NOT NULL CHECK (state IN ('open', 'dispatched', 'arrived', 'released')),
    opened_at      timestamptz NOT NULL,
    sla_due_at     timestamptz NOT NULL,
    dispatched_at  timestamptz,
    dispatched_by  text,
    arrived_at     timestamptz,
    arrived_by     text,
    released_at    timestamptz,
    released_by    text,
    sla_breached   boolean NOT NULL DEFAULT false,
    note           text
);
CREATE INDEX rescues_community_idx ON rescues (community_id, id DESC);
