-- Parcel fees are billed by when the platform settled them (the pickup's derivation), as visits
-- and charging sessions are by their settled_at, not by the locker's clock (picked_up_at): a
-- pickup that reaches the platform after a month's run but is dated before it would otherwise be
-- in no run's window. Existing fees keep the pickup's time.
ALTER TABLE parcels ADD COLUMN fee_settled_at timestamptz;
UPDATE parcels SET fee_settled_at = picked_up_at WHERE picked_up_at IS NOT NULL;
ALTER TABLE parcels ADD CONSTRAINT parcels_fee_settled CHECK ((state = 'picked_up') = (fee_settled_at IS NOT NULL));
CREATE INDEX parcels_fee_settled_idx ON parcels (community_id, fee_settled_at) WHERE fee_fen > 0;
