-- Anju schema, version 3: the latest textual state of a device (elevator service mode, charger
-- connector status, locker compartments...) beside its latest numeric values.
ALTER TABLE device_state ADD COLUMN status jsonb NOT NULL DEFAULT '{}'::jsonb;
