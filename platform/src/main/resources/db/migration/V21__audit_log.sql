-- Anju schema, version 20: the audit log of security-relevant actions (log-ins and failed
-- log-ins, log-outs, user and role changes, commands sent to devices, webhook and settings
-- changes, fire workflow actions): who, when, from where, and what. Rows are written in the
-- transaction of the action where it has one, never changed, and removed only after
-- retention.audit (at least 365 days, like fire records).
CREATE TABLE audit_log (
    id              bigserial PRIMARY KEY,
    at              timestamptz NOT NULL DEFAULT now(),
    -- the tenant the action concerns (whose administrators may read the row); null: platform-wide
    tenant_id       text,
    -- the user who acted; null when nobody is logged in (the command line, an unknown user name)
    actor           text,
    source_address  text,
    action          text NOT NULL CHECK (action ~ '^[a-z][a-z0-9_.]{0,63}$'),
    target          text,
    detail          jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_at_idx ON audit_log (at, id);
CREATE INDEX audit_log_tenant_at_idx ON audit_log (tenant_id, at, id);
