-- Anju schema, version 2: what the MQTT gateway needs beyond passwords.

-- Per-tenant gateway limits; NULL means the configured default (mqtt.limits.*).
ALTER TABLE tenants
    ADD COLUMN mqtt_max_payload_bytes    integer CHECK (mqtt_max_payload_bytes > 0),
    ADD COLUMN mqtt_messages_per_second  double precision CHECK (mqtt_messages_per_second > 0),
    ADD COLUMN mqtt_message_burst        integer CHECK (mqtt_message_burst > 0),
    ADD COLUMN mqtt_max_connections      integer CHECK (mqtt_max_connections > 0),
    ADD COLUMN mqtt_max_topic_length     integer CHECK (mqtt_max_topic_length > 0);

-- Devices may also authenticate with a client certificate: the auth-id is its subject DN and no
-- secret is stored (Hono's x509-cert credential type).
ALTER TABLE device_credentials
    ADD COLUMN type text NOT NULL DEFAULT 'hashed-password' CHECK (type IN ('hashed-password', 'x509-cert')),
    ALTER COLUMN secret_hash DROP NOT NULL,
    ADD CONSTRAINT device_credentials_secret_matches_type CHECK ((type = 'hashed-password') = (secret_hash IS NOT NULL));

-- Hono's "via": a gateway device (a fire panel's UITD, a locker bank controller, a parking-gate
-- controller) may publish and receive commands for the devices listed here.
CREATE TABLE device_via (
    device_id   text NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    gateway_id  text NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    PRIMARY KEY (device_id, gateway_id),
    CHECK (device_id <> gateway_id)
);
CREATE INDEX device_via_gateway_idx ON device_via (gateway_id);
