-- Anju schema, version 63: payment callbacks that a flood cannot exhaust, and failed payments
-- (package payments; docs/billing.md "Payments").
--
-- A provider may report a failed payment: the order becomes failed (with the provider's reason) and
-- the callback is kept as `failed`; a failure reported for a paid order is refused as
-- `failure_for_paid`.
ALTER TABLE payment_orders ADD COLUMN failure_reason text CHECK (length(failure_reason) <= 200);
ALTER TABLE payment_orders ADD CHECK (status <> 'failed' OR failure_reason IS NOT NULL);

ALTER TABLE payment_callbacks DROP CONSTRAINT payment_callbacks_verdict_check;
ALTER TABLE payment_callbacks ADD CONSTRAINT payment_callbacks_verdict_check CHECK (verdict IN ('settled',
    'duplicate', 'failed', 'forged', 'late', 'replayed', 'amount_mismatch', 'unknown_order', 'malformed',
    'failure_for_paid'));
COMMENT ON COLUMN payment_callbacks.body IS 'accepted callbacks whole (the route takes at most 64 KiB), '
    'refused ones cut to 4 KiB of UTF-8';
-- the retention deletes refused callbacks by age; accepted ones (money records) are kept
CREATE INDEX payment_callbacks_refused_age_idx ON payment_callbacks (received_at)
    WHERE verdict NOT IN ('settled', 'duplicate', 'failed');

-- Refused callbacks stored whole in each window of payments.refusedCallbacks.window (epoch-aligned)
-- per provider, at most payments.refusedCallbacks.budget: the row's lock makes the budget exact
-- across instances.
CREATE TABLE payment_callback_windows (
    provider      text NOT NULL,
    window_start  timestamptz NOT NULL,
    stored        integer NOT NULL CHECK (stored >= 0),
    PRIMARY KEY (provider, window_start)
);

-- Refused callbacks beyond the budget: counted exactly, not stored. `reported` once the summary line
-- of the ended window was logged.
CREATE TABLE payment_callbacks_not_stored (
    provider      text NOT NULL,
    window_start  timestamptz NOT NULL,
    verdict       text NOT NULL,
    count         bigint NOT NULL CHECK (count > 0),
    reported      boolean NOT NULL DEFAULT false,
    PRIMARY KEY (provider, window_start, verdict)
);
CREATE INDEX payment_callbacks_not_stored_unreported_idx ON payment_callbacks_not_stored (window_start)
    WHERE NOT reported;
