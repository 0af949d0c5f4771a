-- Anju schema, version 44: payments (package payments; docs/billing.md "Payments"). Amounts are
-- whole fen. An order is what a payer is asked to pay (through a provider, or recorded by staff as
-- cash or a bank transfer); settling it is one transaction: the order paid, its ledger entry, its
-- allocation to the invoice (and to the household's credit) and its receipt.
CREATE TABLE payment_orders (
    id                       bigserial PRIMARY KEY,
    community_id             text NOT NULL REFERENCES communities (id),
    household_id             bigint NOT NULL,
    -- the invoice paid; null for a top-up of the household's credit
    invoice_id               bigint REFERENCES invoices (id),
    -- a provider's name (sandbox, …), or cash / bank_transfer for what staff record
    provider                 text NOT NULL CHECK (length(provider) BETWEEN 1 AND 40),
    amount_fen               bigint NOT NULL CHECK (amount_fen > 0),
    status                   text NOT NULL DEFAULT 'created'
                                 CHECK (status IN ('created', 'paid', 'failed', 'expired', 'refunded')),
    -- the provider's id of the payment, from its callback (staff entries: their reference)
    provider_transaction_id  text,
    -- the client's key of a staff entry: the same key again answers the same order
    idempotency_key          text UNIQUE CHECK (length(idempotency_key) BETWEEN 1 AND 200),
    created_by               text NOT NULL,
    created_at               timestamptz NOT NULL DEFAULT now(),
    paid_at                  timestamptz,
    refunded_fen             bigint NOT NULL DEFAULT 0 CHECK (refunded_fen >= 0 AND refunded_fen <= amount_fen),
    CHECK ((status IN ('paid', 'refunded')) = (paid_at IS NOT NULL)),
    FOREIGN KEY (household_id, community_id) REFERENCES households (id, community_id)
);
CREATE INDEX payment_orders_household_idx ON payment_orders (household_id, id);
CREATE INDEX payment_orders_community_idx ON payment_orders (community_id, id);
CREATE INDEX payment_orders_invoice_idx ON payment_orders (invoice_id) WHERE invoice_id IS NOT NULL;
CREATE UNIQUE INDEX payment_orders_provider_transaction ON payment_orders (provider, provider_transaction_id)
    WHERE provider_transaction_id IS NOT NULL;

-- Every callback a provider's endpoint received, with the verdict, kept for the audit (also the
-- forged ones: the order id is the one claimed, not checked, hence no foreign key).
CREATE TABLE payment_callbacks (
    id           bigserial PRIMARY KEY,
    provider     text NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    nonce        text,
    timestamp_s  bigint,
    order_id     bigint,
    verdict      text NOT NULL CHECK (verdict IN ('settled', 'duplicate', 'forged', 'late', 'replayed',
                     'amount_mismatch', 'unknown_order', 'malformed')),
    -- the body as received, cut to 4,000 characters
    body         text NOT NULL
);
CREATE INDEX payment_callbacks_order_idx ON payment_callbacks (order_id) WHERE order_id IS NOT NULL;

-- The nonces of signed, timely callbacks: a nonce seen twice from one provider is a replay.
CREATE TABLE payment_nonces (
    provider     text NOT NULL,
    nonce        text NOT NULL CHECK (length(nonce) BETWEEN 1 AND 200),
    received_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, nonce)
);

-- Refunds of settled orders (all or part), made by staff.
CREATE TABLE payment_refunds (
    id               bigserial PRIMARY KEY,
    order_id         bigint NOT NULL REFERENCES payment_orders (id),
    amount_fen       bigint NOT NULL CHECK (amount_fen > 0),
    reason           text NOT NULL,
    idempotency_key  text UNIQUE CHECK (length(idempotency_key) BETWEEN 1 AND 200),
    created_by       text NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_refunds_order_idx ON payment_refunds (order_id);

-- How settled money applies: to an invoice (invoice_fen) and to the household's credit
-- (credit_fen); a refund's row is negative, applying credit to an invoice moves credit_fen to
-- invoice_fen. What an invoice has been paid is the sum of its invoice_fen.
CREATE TABLE payment_allocations (
    id            bigserial PRIMARY KEY,
    community_id  text NOT NULL,
    household_id  bigint NOT NULL,
    invoice_id    bigint REFERENCES invoices (id),
    order_id      bigint REFERENCES payment_orders (id),
    refund_id     bigint REFERENCES payment_refunds (id),
    invoice_fen   bigint NOT NULL,
    credit_fen    bigint NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CHECK (invoice_fen <> 0 OR credit_fen <> 0),
    CHECK (invoice_id IS NOT NULL OR invoice_fen = 0)
);
CREATE INDEX payment_allocations_invoice_idx ON payment_allocations (invoice_id) WHERE invoice_id IS NOT NULL;
CREATE INDEX payment_allocations_order_idx ON payment_allocations (order_id) WHERE order_id IS NOT NULL;
CREATE UNIQUE INDEX payment_allocations_one_per_order ON payment_allocations (order_id)
    WHERE order_id IS NOT NULL AND refund_id IS NULL;

-- One receipt per settled order, numbered per community without gaps (1, 2, 3, …).
CREATE TABLE payment_receipts (
    community_id  text NOT NULL REFERENCES communities (id),
    number        bigint NOT NULL CHECK (number > 0),
    order_id      bigint NOT NULL UNIQUE REFERENCES payment_orders (id),
    amount_fen    bigint NOT NULL CHECK (amount_fen > 0),
    issued_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (community_id, number)
);
-- the last receipt number of each community (its row lock serialises numbering)
CREATE TABLE payment_receipt_counters (
    community_id  text PRIMARY KEY REFERENCES communities (id),
    last_number   bigint NOT NULL
);
