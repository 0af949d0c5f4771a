-- Anju schema, version 29: invoices, their lines and billing runs (package billing; docs/billing.md
-- "Billing runs"). A run bills one community for one month in one transaction and records itself
-- in billing_runs, so a second run of the period (also a concurrent one) changes nothing. Invoices
-- and lines are never changed once issued (trigger); a correction is a credit note.
CREATE TABLE billing_runs (
    community_id  text NOT NULL REFERENCES communities (id),
    -- the first day of the month billed
    period        date NOT NULL CHECK (extract(day FROM period) = 1),
    finished_at   timestamptz NOT NULL DEFAULT now(),
    invoices      integer NOT NULL,
    total_fen     bigint NOT NULL,
    PRIMARY KEY (community_id, period)
);

CREATE TABLE invoices (
    id                  bigserial PRIMARY KEY,
    community_id        text NOT NULL,
    household_id        bigint NOT NULL,
    period              date NOT NULL,
    kind                text NOT NULL DEFAULT 'invoice' CHECK (kind IN ('invoice', 'credit_note')),
    -- the invoice a credit note corrects
    credits_invoice_id  bigint REFERENCES invoices (id),
    total_fen           bigint NOT NULL CHECK (total_fen > 0),
    issued_at           timestamptz NOT NULL DEFAULT now(),
    due_on              date NOT NULL,
    CHECK ((kind = 'credit_note') = (credits_invoice_id IS NOT NULL)),
    FOREIGN KEY (household_id, community_id) REFERENCES households (id, community_id)
);
CREATE UNIQUE INDEX invoices_one_per_period ON invoices (community_id, period, household_id) WHERE kind = 'invoice';
CREATE INDEX invoices_household_idx ON invoices (household_id, period);

CREATE TABLE invoice_lines (
    id           bigserial PRIMARY KEY,
    invoice_id   bigint NOT NULL REFERENCES invoices (id),
    stream       text NOT NULL CHECK (stream IN ('rent', 'property_fee', 'visitor_parking', 'charging', 'parcel',
                     'late_fee')),
    -- what the line bills (a contract period, a visit, a session): each is billed once ever
    source_id    text NOT NULL,
    description  text NOT NULL,
    amount_fen   bigint NOT NULL CHECK (amount_fen > 0),
    -- the part of the amount allocated to the maintenance fund (common-area rent)
    fund_fen     bigint NOT NULL DEFAULT 0 CHECK (fund_fen >= 0 AND fund_fen <= amount_fen)
);
CREATE UNIQUE INDEX invoice_lines_billed_once ON invoice_lines (stream, source_id);
CREATE INDEX invoice_lines_invoice_idx ON invoice_lines (invoice_id);

CREATE FUNCTION invoices_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'issued invoices are never changed: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END;
$$;
CREATE TRIGGER invoices_immutable BEFORE UPDATE OR DELETE ON invoices
    FOR EACH ROW EXECUTE FUNCTION invoices_immutable();
CREATE TRIGGER invoice_lines_immutable BEFORE UPDATE OR DELETE ON invoice_lines
    FOR EACH ROW EXECUTE FUNCTION invoices_immutable();
