-- Anju schema, version 1: the community model, devices and their credentials, users and roles,
-- and the time series. Time-series tables are plain tables here; the platform turns them into
-- TimescaleDB hypertables at start-up when the extension is available (see Hypertables.java).

CREATE TABLE tenants (
    id          text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
    name        text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE communities (
    id          text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
    tenant_id   text NOT NULL REFERENCES tenants (id),
    name        text NOT NULL,
    address     text,
    lat         double precision CHECK (lat BETWEEN -90 AND 90),
    lon         double precision CHECK (lon BETWEEN -180 AND 180),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX communities_tenant_idx ON communities (tenant_id);

CREATE TABLE buildings (
    id            text PRIMARY KEY,
    community_id  text NOT NULL REFERENCES communities (id),
    name          text NOT NULL,
    floors_above  integer CHECK (floors_above >= 0),
    floors_below  integer CHECK (floors_below >= 0),
    UNIQUE (community_id, name)
);

CREATE TABLE units (
    id           text PRIMARY KEY,
    building_id  text NOT NULL REFERENCES buildings (id),
    name         text NOT NULL,
    UNIQUE (building_id, name)
);

-- Device ids are unique across tenants so that time series need no tenant column.
CREATE TABLE devices (
    id            text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$'),
    tenant_id     text NOT NULL REFERENCES tenants (id),
    community_id  text NOT NULL REFERENCES communities (id),
    type          text NOT NULL CHECK (type IN
                      ('camera', 'elevator', 'parcel_locker', 'ev_charger', 'smoke_detector', 'fire_panel')),
    name          text NOT NULL,
    building_id   text REFERENCES buildings (id),
    floor         integer,
    location      text,
    lat           double precision CHECK (lat BETWEEN -90 AND 90),
    lon           double precision CHECK (lon BETWEEN -180 AND 180),
    enabled       boolean NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX devices_community_idx ON devices (community_id);

-- Hono-style credentials: a device authenticates as auth-id@tenant; only a bcrypt hash is kept.
CREATE TABLE device_credentials (
    tenant_id    text NOT NULL REFERENCES tenants (id),
    auth_id      text NOT NULL,
    device_id    text NOT NULL REFERENCES devices (id),
    secret_hash  text NOT NULL,
    enabled      boolean NOT NULL DEFAULT true,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, auth_id)
);
CREATE INDEX device_credentials_device_idx ON device_credentials (device_id);

CREATE TABLE users (
    username       text PRIMARY KEY CHECK (username ~ '^[a-z0-9][a-z0-9_.@-]{1,63}$'),
    display_name   text NOT NULL,
    password_hash  text NOT NULL,
    -- null for users that are not a property company's (platform admins, the fire brigade)
    tenant_id      text REFERENCES tenants (id),
    enabled        boolean NOT NULL DEFAULT true,
    created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_roles (
    username  text NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    role      text NOT NULL CHECK (role IN ('platform_admin', 'property_admin', 'operator', 'technician',
                                            'fire_brigade', 'resident')),
    PRIMARY KEY (username, role)
);

-- Which communities a property user may see; platform admins and the fire brigade see all.
CREATE TABLE user_communities (
    username      text NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    community_id  text NOT NULL REFERENCES communities (id),
    PRIMARY KEY (username, community_id)
);

-- Narrow time series: one row per data point.
CREATE TABLE telemetry (
    ts         timestamptz NOT NULL,
    device_id  text NOT NULL,
    metric     text NOT NULL,
    value      double precision NOT NULL
);
CREATE INDEX telemetry_device_metric_ts_idx ON telemetry (device_id, metric, ts DESC);

CREATE TABLE device_events (
    ts         timestamptz NOT NULL,
    device_id  text NOT NULL,
    kind       text NOT NULL,
    payload    jsonb NOT NULL
);
CREATE INDEX device_events_device_ts_idx ON device_events (device_id, ts DESC);

-- Latest known values per device, updated once per ingest batch.
CREATE TABLE device_state (
    device_id   text PRIMARY KEY REFERENCES devices (id),
    last_seen   timestamptz NOT NULL,
    latest      jsonb NOT NULL DEFAULT '{}'::jsonb,
    -- measurement time of the newest value in latest, so that late (back-dated) data never overwrites newer
    latest_ts   timestamptz,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
