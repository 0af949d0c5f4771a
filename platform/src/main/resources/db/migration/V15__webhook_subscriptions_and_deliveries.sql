-- Anju schema, version 15: outbound deliveries of notifications (webhooks, SMS and e-mail
-- gateways) through a transactional outbox. See docs/delivery.md.

-- Who receives what. tenant_id null: platform-wide (e.g. the 119 alarm-receiving center), made
-- by platform administrators only; otherwise a property company's own receiver.
CREATE TABLE webhook_subscriptions (
    id                   bigserial PRIMARY KEY,
    tenant_id            text REFERENCES tenants (id),
    name                 text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    -- the adapter that sends: webhook, sms, email (see Channel.java)
    channel              text NOT NULL,
    url                  text NOT NULL,
    -- topic patterns (alert.opened, fire.*, *); a notification matches when any pattern does
    topics               text[] NOT NULL CHECK (cardinality(topics) > 0),
    -- null: every community in scope (the tenant's, or all for platform-wide subscriptions)
    community_ids        text[],
    fire_only            boolean NOT NULL DEFAULT false,
    -- channel settings (recipients, templates); no secrets
    settings             jsonb NOT NULL DEFAULT '{}',
    -- AES-GCM ciphertext of the signing secret (and of an optional Authorization header value),
    -- under the key in <dataDir>/webhook-key: the secret must be usable for signing, so it
    -- cannot be stored only as a hash
    secret_ciphertext    bytea NOT NULL,
    auth_ciphertext      bytea,
    enabled              boolean NOT NULL DEFAULT true,
    -- notifications up to this id existed before the subscription and are not delivered to it
    after_notification   bigint NOT NULL,
    created_by           text NOT NULL,
    created_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_subscriptions_tenant_idx ON webhook_subscriptions (tenant_id);

-- How far the dispatcher has turned notifications into deliveries. One row; locked FOR UPDATE
-- while a dispatcher fans out, so several processes never create the same deliveries twice.
CREATE TABLE webhook_dispatch_cursor (
    id                    int PRIMARY KEY CHECK (id = 1),
    last_notification_id  bigint NOT NULL
);
INSERT INTO webhook_dispatch_cursor (id, last_notification_id)
SELECT 1, COALESCE(max(id), 0) FROM notifications;

-- One row per notification and matching subscription: the outbox of sends.
CREATE TABLE webhook_deliveries (
    id                bigserial PRIMARY KEY,
    subscription_id   bigint NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    notification_id   bigint NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
    -- sent as Idempotency-Key on every attempt: receivers drop repeats by it
    idempotency_key   uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
    status            text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
    attempts          int NOT NULL DEFAULT 0,
    -- when a pending delivery is due; while an attempt runs, the end of its lease (a process that
    -- dies mid-attempt leaves the delivery due again after the lease)
    next_attempt_at   timestamptz NOT NULL,
    created_at        timestamptz NOT NULL,
    finished_at       timestamptz,
    last_status_code  int,
    last_error        text,
    UNIQUE (subscription_id, notification_id)
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_subscription_idx ON webhook_deliveries (subscription_id, id);

-- Every attempt, for the delivery log.
CREATE TABLE webhook_attempts (
    delivery_id   bigint NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    attempt       int NOT NULL,
    started_at    timestamptz NOT NULL,
    duration_ms   bigint NOT NULL,
    -- the receiver's HTTP status; null when no answer came (refused, timed out)
    status_code   int,
    error         text,
    PRIMARY KEY (delivery_id, attempt)
);
