-- Anju schema, version 10: hourly and daily rollups of telemetry maintained by the platform, the
-- bookkeeping that keeps them incremental, indexes for retention, and an id for event paging.
-- See docs/storage.md for the design.

-- Events get an id so that pages can be cut on (ts, id): timestamps alone are not unique. It is
-- not declared unique (a unique index on a hypertable must include ts); the sequence makes it so.
ALTER TABLE device_events ADD COLUMN id bigserial;

-- Time indexes for retention (range deletes on plain PostgreSQL) and for time-ordered reads.
-- TimescaleDB creates the same index under the same name when it makes a hypertable, and skips
-- its own when one on the time column exists, so either order yields one index.
CREATE INDEX IF NOT EXISTS telemetry_ts_idx ON telemetry (ts DESC);
CREATE INDEX IF NOT EXISTS device_events_ts_idx ON device_events (ts DESC);

-- One row per device, metric and UTC hour. last_value is the value with the newest ts.
CREATE TABLE telemetry_hourly (
    bucket      timestamptz NOT NULL,
    device_id   text NOT NULL,
    metric      text NOT NULL,
    count       bigint NOT NULL,
    min         double precision NOT NULL,
    max         double precision NOT NULL,
    sum         double precision NOT NULL,
    last_value  double precision NOT NULL,
    last_ts     timestamptz NOT NULL,
    PRIMARY KEY (device_id, metric, bucket)
);
CREATE INDEX telemetry_hourly_bucket_idx ON telemetry_hourly (bucket DESC);

-- One row per device, metric and local day (rollup.dayZone), derived from the hourly rows;
-- hours counts the hourly rows it was made of (storage accounting uses it).
CREATE TABLE telemetry_daily (
    bucket      timestamptz NOT NULL,
    device_id   text NOT NULL,
    metric      text NOT NULL,
    hours       integer NOT NULL,
    count       bigint NOT NULL,
    min         double precision NOT NULL,
    max         double precision NOT NULL,
    sum         double precision NOT NULL,
    last_value  double precision NOT NULL,
    last_ts     timestamptz NOT NULL,
    PRIMARY KEY (device_id, metric, bucket)
);
CREATE INDEX telemetry_daily_bucket_idx ON telemetry_daily (bucket DESC);

-- (hour, device) pairs that received telemetry since the rollup job last looked: written by every
-- ingest batch in its own transaction, at most once per pair (ON CONFLICT DO NOTHING).
CREATE TABLE rollup_dirty (
    bucket     timestamptz NOT NULL,
    device_id  text NOT NULL,
    PRIMARY KEY (bucket, device_id)
);

-- Bumped by the rollup job each time it takes the marks, so that an ingest writer knows which of
-- the pairs it marked are still in rollup_dirty and need no second mark (see RollupMarks.java).
CREATE TABLE rollup_epoch (
    id     boolean PRIMARY KEY DEFAULT true CHECK (id),
    epoch  bigint NOT NULL
);
INSERT INTO rollup_epoch (epoch) VALUES (0);

-- Pairs the rollup job has taken from rollup_dirty and not yet folded in; survives a crash.
CREATE TABLE rollup_pending (
    bucket     timestamptz NOT NULL,
    device_id  text NOT NULL,
    PRIMARY KEY (bucket, device_id)
);
