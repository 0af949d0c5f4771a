-- Anju schema, version 17: the time of each latest value, so that device_state keeps, per metric,
-- the newest value whatever order batches commit in (ingest writes messages with events in a lane
-- of its own, which may commit before older telemetry of the same device).

-- metric -> epoch milliseconds of the value in latest
ALTER TABLE device_state ADD COLUMN latest_at jsonb NOT NULL DEFAULT '{}'::jsonb;

-- Values of inc whose time (inc_at) is at least that of the same key in cur (cur_at), merged into
-- cur; keys cur does not know are taken. Used for latest (with the value times) and latest_at (itself).
CREATE FUNCTION anju_newer_values(cur jsonb, cur_at jsonb, inc jsonb, inc_at jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT cur || coalesce((SELECT jsonb_object_agg(e.key, e.value) FROM jsonb_each(inc) AS e
                             WHERE cur_at ->> e.key IS NULL
                                OR (inc_at ->> e.key)::bigint >= (cur_at ->> e.key)::bigint), '{}'::jsonb)
$$;
