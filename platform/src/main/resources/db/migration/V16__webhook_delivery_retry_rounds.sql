-- Anju schema, version 16: an administrator may send a dead delivery again (after fixing the
-- receiver). The retry gets a fresh round of webhooks.maxAttempts attempts with the same
-- idempotency key; attempts keep counting up, so the log keeps every one.
ALTER TABLE webhook_deliveries ADD COLUMN attempts_before_round int NOT NULL DEFAULT 0;
