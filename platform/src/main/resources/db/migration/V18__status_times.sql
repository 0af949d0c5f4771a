-- Anju schema, version 18: the measurement time of each status value, merged per key like latest
-- (V17), because ingest's two write lanes may commit a device's messages out of order.
-- Existing rows: every latest and status value gets latest_ts as its time, so that back-dated
-- data arriving after the upgrade does not replace newer values.
ALTER TABLE device_state ADD COLUMN status_at jsonb NOT NULL DEFAULT '{}'::jsonb;
-- the newest time in status_at: a batch whose status values are all at least as new merges by concatenation
ALTER TABLE device_state ADD COLUMN status_ts timestamptz;
UPDATE device_state SET status_ts = latest_ts WHERE status <> '{}'::jsonb;

UPDATE device_state
   SET status_at = (SELECT coalesce(jsonb_object_agg(k, (extract(epoch FROM latest_ts) * 1000)::bigint), '{}'::jsonb)
                      FROM jsonb_object_keys(status) AS k)
 WHERE latest_ts IS NOT NULL AND status_at = '{}'::jsonb;

UPDATE device_state
   SET latest_at = (SELECT coalesce(jsonb_object_agg(k, (extract(epoch FROM latest_ts) * 1000)::bigint), '{}'::jsonb)
                      FROM jsonb_object_keys(latest) AS k)
 WHERE latest_ts IS NOT NULL AND latest_at = '{}'::jsonb;
