-- Anju schema, version 4: stored presence (online/offline) per device, decided from heartbeat
-- expectations per device type and from MQTT disconnects (see docs/device-api.md, "Presence").

-- A device's own heartbeat interval where it differs from its type's (presence.<type>.interval),
-- e.g. a smoke detector configured to report every 12 h instead of 24 h. NULL: the type's.
ALTER TABLE devices
    ADD COLUMN heartbeat_interval_seconds integer CHECK (heartbeat_interval_seconds > 0);

-- online: the stored state; presence_since: when it took effect; presence_reason: why
-- (message_received, connected, missed_heartbeats, disconnected). A row appears with a device's
-- first message, offline, and ingest turns it online in the same transaction.
ALTER TABLE device_state
    ADD COLUMN online           boolean NOT NULL DEFAULT false,
    ADD COLUMN presence_since   timestamptz,
    ADD COLUMN presence_reason  text;

-- Ingest looks up, per batch, which of its devices are offline: few are, so a small partial index
-- answers that. online is not changed by ordinary state updates, which therefore stay HOT.
CREATE INDEX device_state_offline_idx ON device_state (device_id) WHERE NOT online;

-- Devices seen before presence was stored start online; the presence job takes those that are
-- overdue offline at its first run, with an event each.
UPDATE device_state SET online = true, presence_since = last_seen, presence_reason = 'message_received';
