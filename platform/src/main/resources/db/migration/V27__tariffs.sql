-- Anju schema, version 27: tariffs as data with effective dates (package billing). A tariff is in
-- force from its local date (billing.zone) until the next tariff of the same community and kind
-- starts; a change is a new row that starts after the newest one, so rows are never changed and
-- the tariff in force at any past instant stays what it was. The body is the validated value in
-- the API's JSON form (docs/billing.md, "Tariffs").
CREATE TABLE tariffs (
    id              bigserial PRIMARY KEY,
    community_id    text NOT NULL REFERENCES communities (id),
    kind            text NOT NULL CHECK (kind IN ('space_rent', 'visitor_parking', 'property_fee', 'ev_tou',
                        'parcel_overdue', 'late_fee')),
    effective_from  date NOT NULL,
    body            jsonb NOT NULL,
    created_by      text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (community_id, kind, effective_from)
);

CREATE FUNCTION tariffs_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'tariffs are never changed: % refused', TG_OP USING ERRCODE = 'restrict_violation';
END;
$$;
CREATE TRIGGER tariffs_append_only BEFORE UPDATE OR DELETE ON tariffs
    FOR EACH ROW EXECUTE FUNCTION tariffs_append_only();
