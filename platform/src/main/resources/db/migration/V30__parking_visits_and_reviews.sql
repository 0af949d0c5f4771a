-- Anju schema, version 30: visitor parking derived from plate reads (package parking).
--
-- The derivation job reads the stored plate_read events after parking_cursor.last_event_id and
-- commits what it derived together with the new cursor, so a crash or a second run derives
-- nothing twice. An entry waits in parking_open_entries (one per plate and community) until its
-- exit pairs it into a visit; what cannot be paired for certain becomes a review item for staff.
-- household_id is the estate's household (no foreign key until the estate's tables are merged).
CREATE TABLE parking_cursor (
    id             int PRIMARY KEY CHECK (id = 1),
    last_event_id  bigint NOT NULL
);

CREATE TABLE parking_open_entries (
    community_id  text NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    plate         text NOT NULL,
    event_id      bigint NOT NULL,
    device_id     text NOT NULL,
    car_park      text NOT NULL,
    gate_id       text NOT NULL,
    ts            timestamptz NOT NULL,
    confidence    double precision NOT NULL,
    PRIMARY KEY (community_id, plate)
);
CREATE INDEX parking_open_entries_ts_idx ON parking_open_entries (ts);

-- source_key says where a visit came from and makes it unique: 'pair:<entry event>:<exit event>'
-- or 'review:<review id>'; it is also the billable item's idempotency key.
CREATE TABLE parking_visits (
    id             bigserial PRIMARY KEY,
    community_id   text NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    source_key     text NOT NULL UNIQUE,
    plate          text NOT NULL,
    car_park       text NOT NULL,
    entry_ts       timestamptz NOT NULL,
    entry_gate     text,
    exit_ts        timestamptz NOT NULL,
    exit_gate      text,
    household_id   bigint,
    exemption      text NOT NULL CHECK (exemption IN ('none', 'household', 'contract', 'review')),
    amount_fen     bigint NOT NULL CHECK (amount_fen >= 0),
    note           text,
    -- when it became billable: derived, or resolved from a review; a billing period takes the
    -- visits settled in it, so a period once billed never gains a late visit
    settled_at     timestamptz NOT NULL DEFAULT now(),
    CHECK (exit_ts >= entry_ts)
);
CREATE INDEX parking_visits_community_exit_idx ON parking_visits (community_id, exit_ts, id);
CREATE INDEX parking_visits_settled_idx ON parking_visits (community_id, settled_at) WHERE amount_fen > 0;
CREATE INDEX parking_visits_household_idx ON parking_visits (household_id, exit_ts) WHERE household_id IS NOT NULL;

-- evidence: the reads behind the item, [{eventId, deviceId, carPark, gateId, direction, ts, plate, confidence}].
-- status: open until staff resolve it: waived (nothing), charged (a visit of a given amount) or
-- assigned (a visit of a given plate and times, priced by the tariff).
CREATE TABLE parking_reviews (
    id                bigserial PRIMARY KEY,
    community_id      text NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    reason            text NOT NULL CHECK (reason IN ('missed_read', 'low_confidence', 'exit_without_entry',
                          'entry_without_exit', 'double_entry', 'other_car_park')),
    plate             text,
    ts                timestamptz NOT NULL,
    evidence          jsonb NOT NULL,
    status            text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'waived', 'charged', 'assigned')),
    resolved_by       text,
    resolved_at       timestamptz,
    resolution_note   text,
    visit_id          bigint REFERENCES parking_visits (id),
    CHECK ((status = 'open') = (resolved_at IS NULL))
);
CREATE INDEX parking_reviews_community_idx ON parking_reviews (community_id, status, ts, id);
