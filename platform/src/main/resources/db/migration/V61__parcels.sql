-- Anju schema, version 61: parcel notices for residents (package parcels; docs/parcels.md).
--
-- The derivation job reads the stored parcel locker events (deposit, pickup, overdue) after
-- parcel_cursor.last_event_id and commits what it derived together with the new cursor. A deposit
-- makes a parcel 'waiting' for the household whose member registered the recipient's phone
-- (household_id NULL: unmatched, for the property to see); an overdue event makes it 'overdue'; a
-- pickup (or a later deposit into the same compartment) makes it 'picked_up'.
-- pickup_code is the sealed value ingest stored (enc:v1:…), recipient_hash the keyed hash
-- (hmac:v1:…): neither is ever stored in the clear.
CREATE TABLE parcel_cursor (
    id             int PRIMARY KEY CHECK (id = 1),
    last_event_id  bigint NOT NULL
);

CREATE TABLE parcels (
    id                  bigserial PRIMARY KEY,
    community_id        text NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    device_id           text NOT NULL,
    compartment         text NOT NULL,
    deposit_event_id    bigint NOT NULL UNIQUE,
    deposited_at        timestamptz NOT NULL,
    courier             text NOT NULL,
    tracking_number     text,
    pickup_code         text NOT NULL,
    recipient_hash      text,
    household_id        bigint,
    state               text NOT NULL CHECK (state IN ('waiting', 'overdue', 'picked_up')),
    -- the community's own parcel_overdue tariff in force at the deposit: storage is free until
    -- free_until, then fee_per_period_fen per period_hours begun, at most cap_fen (no tariff of its
    -- own: the platform default's free hours and no fee)
    free_until          timestamptz NOT NULL,
    period_hours        int NOT NULL CHECK (period_hours >= 1),
    fee_per_period_fen  bigint NOT NULL CHECK (fee_per_period_fen >= 0),
    cap_fen             bigint NOT NULL CHECK (cap_fen >= 0),
    overdue_at          timestamptz,
    picked_up_at        timestamptz,
    pickup_event_id     bigint,
    -- the fee due at pickup (billed by the monthly run when above 0)
    fee_fen             bigint CHECK (fee_fen >= 0)
);
-- one parcel waits in a compartment at a time; a repeated deposit of the same parcel is one
CREATE UNIQUE INDEX parcels_waiting_idx ON parcels (device_id, compartment) WHERE state <> 'picked_up';
CREATE UNIQUE INDEX parcels_deposit_idx ON parcels (device_id, compartment, deposited_at);
CREATE INDEX parcels_household_idx ON parcels (household_id, id) WHERE household_id IS NOT NULL;
CREATE INDEX parcels_community_idx ON parcels (community_id, id);

-- the mobile number a resident receives parcels at, as the keyed hash of EventSecrets
-- (field recipientPhone) and its last four digits to show back
CREATE TABLE parcel_recipients (
    username    text PRIMARY KEY REFERENCES users (username) ON DELETE CASCADE,
    phone_hash  text NOT NULL,
    phone_last4 text NOT NULL CHECK (phone_last4 ~ '^[0-9]{4}$'),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX parcel_recipients_hash_idx ON parcel_recipients (phone_hash);
