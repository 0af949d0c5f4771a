-- Anju schema, version 31: EV charging sessions derived from charger events (package charging).
--
-- The derivation job reads the stored session_started and session_stopped events after
-- charging_cursor.last_event_id and commits what it derived together with the new cursor. A
-- session is 'open' from its start until its stop; it is then 'priced' (lines per tariff and tier)
-- or goes to 'review' (meter backwards, no stop within the limit, unknown id tag, no tariff, a stop
-- without start); staff resolve a review to 'priced' (with a household) or 'waived'.
-- id_tag_hash is the keyed hash ingest stored (hmac:v1:…), never the tag itself.
CREATE TABLE charging_cursor (
    id             int PRIMARY KEY CHECK (id = 1),
    last_event_id  bigint NOT NULL
);

CREATE TABLE charging_sessions (
    id               bigserial PRIMARY KEY,
    community_id     text NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    device_id        text NOT NULL,
    connector_id     int NOT NULL,
    transaction_id   int NOT NULL,
    id_tag_hash      text,
    household_id     bigint,
    start_event_id   bigint,
    started_at       timestamptz,
    meter_start_wh   bigint,
    stop_event_id    bigint,
    stopped_at       timestamptz,
    meter_stop_wh    bigint,
    stop_reason      text,
    energy_wh        numeric(16, 3),
    amount_fen       bigint CHECK (amount_fen >= 0),
    state            text NOT NULL CHECK (state IN ('open', 'priced', 'review', 'waived')),
    review_reason    text CHECK (review_reason IN ('meter_backwards', 'no_stop', 'unknown_id_tag', 'no_tariff',
                         'stop_without_start')),
    resolved_by      text,
    resolved_at      timestamptz,
    resolution_note  text,
    -- when it was priced (derived, or resolved from a review): the billing period it belongs to
    settled_at       timestamptz,
    UNIQUE (device_id, start_event_id),
    UNIQUE (device_id, stop_event_id),
    CHECK (state <> 'review' OR review_reason IS NOT NULL),
    CHECK (state <> 'priced' OR (amount_fen IS NOT NULL AND household_id IS NOT NULL))
);
-- at most one open session per connector
CREATE UNIQUE INDEX charging_sessions_open_idx ON charging_sessions (device_id, connector_id) WHERE state = 'open';
CREATE INDEX charging_sessions_community_idx ON charging_sessions (community_id, stopped_at, id);
CREATE INDEX charging_sessions_settled_idx ON charging_sessions (community_id, settled_at) WHERE state = 'priced';
CREATE INDEX charging_sessions_household_idx ON charging_sessions (household_id, stopped_at) WHERE household_id IS NOT NULL;
CREATE INDEX charging_sessions_review_idx ON charging_sessions (community_id, id) WHERE state = 'review';

CREATE TABLE charging_session_lines (
    session_id    bigint NOT NULL REFERENCES charging_sessions (id) ON DELETE CASCADE,
    tariff_id     text NOT NULL,
    tier          text NOT NULL CHECK (tier IN ('sharp', 'peak', 'flat', 'valley')),
    wh            numeric(16, 3) NOT NULL CHECK (wh >= 0),
    fen_per_kwh   numeric(12, 4) NOT NULL CHECK (fen_per_kwh >= 0),
    cost_fen      bigint NOT NULL CHECK (cost_fen >= 0),
    PRIMARY KEY (session_id, tariff_id, tier)
);
