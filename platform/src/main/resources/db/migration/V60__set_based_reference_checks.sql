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

-- One check for every reference: the trigger's arguments name the column of the new rows, the
-- table it refers to (by id) and what to call that row in the message; the transition table is
-- new_rows in every trigger.
CREATE FUNCTION rows_reference_existing() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    missing text;
BEGIN
    EXECUTE format('SELECT n.%1$I::text FROM (SELECT DISTINCT %1$I FROM new_rows) n '
            || 'WHERE NOT EXISTS (SELECT FROM %2$I r WHERE r.id = n.%1$I) LIMIT 1', TG_ARGV[0], TG_ARGV[1])
        INTO missing;
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION '% refers to % %, which does not exist', TG_TABLE_NAME, TG_ARGV[2], missing
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER invoice_lines_reference_invoices AFTER INSERT ON invoice_lines
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION rows_reference_existing('invoice_id', 'invoices', 'invoice');
CREATE TRIGGER ledger_postings_reference_entries AFTER INSERT ON ledger_postings
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION rows_reference_existing('entry_id', 'journal_entries', 'journal entry');
CREATE TRIGGER ledger_postings_reference_accounts AFTER INSERT ON ledger_postings
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION rows_reference_existing('account_id', 'ledger_accounts', 'account');
CREATE TRIGGER journal_entries_reference_communities AFTER INSERT ON journal_entries
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION rows_reference_existing('community_id', 'communities', 'community');

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
