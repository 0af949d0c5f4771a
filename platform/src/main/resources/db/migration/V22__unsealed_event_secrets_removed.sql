-- Anju schema, version 20: parcel pickup codes and charging id tags are credentials of residents.
-- From this version ingest stores them sealed (a pickup code encrypted, an id tag as a keyed hash;
-- see docs/security.md), with a key that is not in the database. Values stored in the clear before
-- cannot be sealed here, so they are removed (set to null): a pickup code matters only until its
-- parcel is collected, and nothing matches id tags yet.
UPDATE device_events SET payload = jsonb_set(payload, '{pickupCode}', 'null'::jsonb)
 WHERE payload ? 'pickupCode' AND payload ->> 'pickupCode' NOT LIKE 'enc:%'
   AND device_id IN (SELECT id FROM devices WHERE type = 'parcel_locker');

UPDATE device_events SET payload = jsonb_set(payload, '{idTag}', 'null'::jsonb)
 WHERE payload ? 'idTag' AND payload ->> 'idTag' NOT LIKE 'hmac:%'
   AND device_id IN (SELECT id FROM devices WHERE type = 'ev_charger');
