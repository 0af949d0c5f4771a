-- Anju schema, version 60: the references of the tables a billing run writes by the million
-- (docs/billing.md "Benchmark") are checked once per statement instead of once per row. A
-- foreign key checks each inserted row with a query of its own: 1.7 million invoice lines and
-- 510,000 postings of a 100,000-contract run spent more time in those checks (15 s and 16 s
-- under load) than in writing the rows. A statement-level trigger sees the statement's new rows
-- as a transition table and looks each distinct referenced id up once, in the same transaction,
-- so a statement (a COPY too) naming a missing invoice, entry, account or community is refused
-- whole, as before. The other half of a foreign key, refusing to remove or re-key a referenced
-- row, is kept by the append-only triggers: invoices and journal entries already refuse updates
-- and deletes (V26, V29); ledger accounts now do too (accounts are never changed or removed).
ALTER TABLE invoice_lines DROP CONSTRAINT invoice_lines_invoice_id_fkey;
ALTER TABLE ledger_postings DROP CONSTRAINT ledger_postings_entry_id_fkey;
ALTER TABLE ledger_postings DROP CONSTRAINT ledger_postings_account_id_fkey;
ALTER TABLE journal_entries DROP CONSTRAINT journal_entries_community_id_fkey;

CREATE FUNCTION invoice_lines_reference_invoices() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    missing bigint;
BEGIN
    SELECT n.invoice_id INTO missing FROM (SELECT DISTINCT invoice_id FROM new_lines) n
    WHERE NOT EXISTS (SELECT FROM invoices i WHERE i.id = n.invoice_id) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'invoice_lines refers to invoice %, which does not exist', missing
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER invoice_lines_reference_invoices AFTER INSERT ON invoice_lines
    REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION invoice_lines_reference_invoices();

CREATE FUNCTION ledger_postings_reference() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    missing bigint;
BEGIN
    SELECT n.entry_id INTO missing FROM (SELECT DISTINCT entry_id FROM new_postings) n
    WHERE NOT EXISTS (SELECT FROM journal_entries e WHERE e.id = n.entry_id) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'ledger_postings refers to journal entry %, which does not exist', missing
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    SELECT n.account_id INTO missing FROM (SELECT DISTINCT account_id FROM new_postings) n
    WHERE NOT EXISTS (SELECT FROM ledger_accounts a WHERE a.id = n.account_id) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'ledger_postings refers to account %, which does not exist', missing
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER ledger_postings_reference AFTER INSERT ON ledger_postings
    REFERENCING NEW TABLE AS new_postings FOR EACH STATEMENT EXECUTE FUNCTION ledger_postings_reference();

CREATE FUNCTION journal_entries_reference_communities() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    missing text;
BEGIN
    SELECT n.community_id INTO missing FROM (SELECT DISTINCT community_id FROM new_entries) n
    WHERE NOT EXISTS (SELECT FROM communities c WHERE c.id = n.community_id) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'journal_entries refers to community %, which does not exist', missing
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER journal_entries_reference_communities AFTER INSERT ON journal_entries
    REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT
    EXECUTE FUNCTION journal_entries_reference_communities();

-- what a posting refers to stays: accounts are append-only like entries and postings
CREATE TRIGGER ledger_accounts_append_only BEFORE UPDATE OR DELETE ON ledger_accounts
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
-- a TRUNCATE fires no row trigger and, without the foreign keys, would leave postings and lines
-- pointing nowhere: the referenced tables refuse it as they refuse a DELETE
CREATE TRIGGER journal_entries_no_truncate BEFORE TRUNCATE ON journal_entries
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_accounts_no_truncate BEFORE TRUNCATE ON ledger_accounts
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER invoices_no_truncate BEFORE TRUNCATE ON invoices
    FOR EACH STATEMENT EXECUTE FUNCTION invoices_immutable();
