-- Anju schema, version 24: people and places for billing (issue 12 item 1). Households of a
-- community, the residents who belong to them (owner or tenant), their vehicles, the community's
-- parking spaces and car parks with their gate cameras, and the charging id tags of households.
-- Owner: the estate package. Rules that need another capability's tables (a building of the same
-- community, a charger that is an ev_charger device of the same community, a gate that is a
-- camera) are checked by estate's provisioning, which reads them through the registry's API.

CREATE TABLE households (
    id               bigserial PRIMARY KEY,
    community_id     text NOT NULL REFERENCES communities (id),
    building_id      text NOT NULL REFERENCES buildings (id),
    -- null when the building has no units (a villa, a single-stair block)
    unit_id          text REFERENCES units (id),
    floor            integer NOT NULL CHECK (floor BETWEEN -10 AND 200),
    number           text NOT NULL CHECK (number ~ '^[^[:space:]].{0,31}$'),
    -- the private (专有部分) area that property fees, fund deposits and owners' votes are weighed by
    private_area_m2  numeric(10, 2) NOT NULL CHECK (private_area_m2 > 0),
    created_at       timestamptz NOT NULL DEFAULT now(),
    -- the target of the composite keys below, which keep a vehicle, space or tag in its household's community
    UNIQUE (id, community_id)
);
-- one household per door: a building without units counts as one unit ('')
CREATE UNIQUE INDEX households_place_key ON households (community_id, building_id, COALESCE(unit_id, ''), number);

CREATE TABLE household_members (
    household_id  bigint NOT NULL REFERENCES households (id) ON DELETE CASCADE,
    username      text NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    relation      text NOT NULL CHECK (relation IN ('owner', 'tenant')),
    -- the membership holds from since (inclusive) until until (exclusive; null: open)
    since         date NOT NULL,
    until         date,
    CHECK (until IS NULL OR until > since),
    PRIMARY KEY (household_id, username)
);
CREATE INDEX household_members_username_idx ON household_members (username);

CREATE TABLE vehicles (
    id            bigserial PRIMARY KEY,
    community_id  text NOT NULL,
    household_id  bigint NOT NULL,
    -- normalised (upper case, no spaces, no middle dot); the format is checked by estate.PlateFormat
    plate         text NOT NULL CHECK (plate ~ '^[^[:space:]·a-z]{7,8}$'),
    new_energy    boolean NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (household_id, community_id) REFERENCES households (id, community_id) ON DELETE CASCADE,
    UNIQUE (community_id, plate)
);
CREATE INDEX vehicles_household_idx ON vehicles (household_id);

-- A gated car park of the community (an underground garage, a surface lot behind a barrier).
CREATE TABLE car_parks (
    id            bigserial PRIMARY KEY,
    community_id  text NOT NULL REFERENCES communities (id),
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
    UNIQUE (community_id, name),
    UNIQUE (id, community_id)
);

-- The LPR cameras at a car park's gates; a camera guards one car park.
CREATE TABLE car_park_gates (
    device_id    text PRIMARY KEY REFERENCES devices (id) ON DELETE CASCADE,
    car_park_id  bigint NOT NULL REFERENCES car_parks (id) ON DELETE CASCADE
);
CREATE INDEX car_park_gates_car_park_idx ON car_park_gates (car_park_id);

CREATE TABLE parking_spaces (
    id                  bigserial PRIMARY KEY,
    community_id        text NOT NULL REFERENCES communities (id),
    number              text NOT NULL CHECK (number ~ '^[^[:space:]].{0,31}$'),
    kind                text NOT NULL CHECK (kind IN ('surface', 'underground', 'mechanical')),
    ownership           text NOT NULL CHECK (ownership IN ('common', 'developer', 'private')),
    -- the household that owns a private space; only a private space has one
    owner_household_id  bigint,
    -- the ev_charger device at the space, if any (its type and community: checked by provisioning)
    charger_device_id   text REFERENCES devices (id),
    -- the gated car park the space is in; null for a space on an open road
    car_park_id         bigint,
    created_at          timestamptz NOT NULL DEFAULT now(),
    UNIQUE (community_id, number),
    CHECK ((ownership = 'private') = (owner_household_id IS NOT NULL)),
    FOREIGN KEY (owner_household_id, community_id) REFERENCES households (id, community_id),
    FOREIGN KEY (car_park_id, community_id) REFERENCES car_parks (id, community_id)
);
CREATE INDEX parking_spaces_owner_idx ON parking_spaces (owner_household_id) WHERE owner_household_id IS NOT NULL;
CREATE INDEX parking_spaces_charger_idx ON parking_spaces (charger_device_id) WHERE charger_device_id IS NOT NULL;

-- An OCPP id tag (CiString20) that starts charging sessions on the household's account.
CREATE TABLE charging_id_tags (
    community_id  text NOT NULL,
    id_tag        text NOT NULL CHECK (id_tag ~ '^[!-~]{1,20}$'),
    household_id  bigint NOT NULL,
    enabled       boolean NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (community_id, id_tag),
    FOREIGN KEY (household_id, community_id) REFERENCES households (id, community_id) ON DELETE CASCADE
);
CREATE INDEX charging_id_tags_household_idx ON charging_id_tags (household_id);
