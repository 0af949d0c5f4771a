-- Anju schema, version 11: the notification outbox.
-- Everything the platform tells people and other systems about (alerts, fire workflow steps,
-- elevator rescues, escalations) is appended here in the same transaction as the change it
-- reports. The live feeds (SSE, resumable from the last id a client saw) and the webhook
-- dispatcher read it in id order. Appenders serialise on a transaction-level advisory lock
-- (see Outbox.java), so ids become visible in increasing order and a reader that has seen id N
-- never later finds a committed id below N.
CREATE TABLE notifications (
    id            bigserial PRIMARY KEY,
    created_at    timestamptz NOT NULL DEFAULT now(),
    tenant_id     text REFERENCES tenants (id),
    -- null for platform-wide notifications (e.g. to administrators)
    community_id  text REFERENCES communities (id),
    -- what happened, dotted: alert.opened, alert.updated, alert.acknowledged, alert.resolved,
    -- fire.received, fire.confirmed_fire, fire.escalated, rescue.opened, webhook.dead_letter ...
    topic         text NOT NULL CHECK (topic ~ '^[a-z0-9_]+(\.[a-z0-9_]+)+$'),
    -- true when the fire brigade may see it (fire alarms and their workflow, nothing financial)
    fire          boolean NOT NULL DEFAULT false,
    payload       jsonb NOT NULL
);
CREATE INDEX notifications_community_id_idx ON notifications (community_id, id);
CREATE INDEX notifications_created_at_idx ON notifications (created_at);
