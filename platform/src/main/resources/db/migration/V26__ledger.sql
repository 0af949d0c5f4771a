-- Anju schema, version 26: the double-entry ledger (package ledger). Amounts are whole fen.
-- A journal entry is made once per idempotency key; its postings balance (checked by the
-- ledger before the insert) and, like the entries, are never changed or removed: a mistake is
-- corrected by a new entry. Balances are sums of postings (no cached balance table).
CREATE TABLE ledger_accounts (
    id            bigserial PRIMARY KEY,
    community_id  text NOT NULL REFERENCES communities (id),
    kind          text NOT NULL CHECK (kind IN ('receivable', 'revenue_rent', 'revenue_property_fee',
                      'revenue_visitor_parking', 'revenue_charging', 'revenue_parcel', 'revenue_late_fee',
                      'cash', 'bank', 'provider_clearing', 'household_credit', 'maintenance_fund',
                      'fund_income')),
    -- the household of per-household kinds (estate's households.id; no foreign key so that the
    -- ledger does not depend on the estate migrations), null for community accounts
    household_id  bigint,
    CHECK ((household_id IS NOT NULL) = (kind IN ('receivable', 'household_credit', 'maintenance_fund')))
);
-- one account per (community, kind, household); PostgreSQL 14 has no NULLS NOT DISTINCT
CREATE UNIQUE INDEX ledger_accounts_identity ON ledger_accounts (community_id, kind, (coalesce(household_id, 0)));

CREATE TABLE journal_entries (
    id               bigserial PRIMARY KEY,
    community_id     text NOT NULL REFERENCES communities (id),
    idempotency_key  text NOT NULL UNIQUE CHECK (length(idempotency_key) BETWEEN 1 AND 200),
    description      text NOT NULL,
    posted_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX journal_entries_community_idx ON journal_entries (community_id, id);

CREATE TABLE ledger_postings (
    id          bigserial PRIMARY KEY,
    entry_id    bigint NOT NULL REFERENCES journal_entries (id),
    account_id  bigint NOT NULL REFERENCES ledger_accounts (id),
    side        char(1) NOT NULL CHECK (side IN ('D', 'C')),
    amount_fen  bigint NOT NULL CHECK (amount_fen > 0)
);
CREATE INDEX ledger_postings_entry_idx ON ledger_postings (entry_id);
CREATE INDEX ledger_postings_account_idx ON ledger_postings (account_id);

-- append-only: an update or delete of an entry or a posting is refused by the database itself
CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the ledger is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END;
$$;
CREATE TRIGGER journal_entries_append_only BEFORE UPDATE OR DELETE ON journal_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_postings_append_only BEFORE UPDATE OR DELETE ON ledger_postings
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
