-- Anju schema, version 5: what a device is configured with beyond its type and place (a smoke
-- detector's heartbeat interval, a gate camera's gate), as given when it was provisioned. The
-- provisioning API compares it to tell a repeated request (unchanged) from a conflicting one (409).
ALTER TABLE devices ADD COLUMN attributes jsonb NOT NULL DEFAULT '{}'::jsonb;
