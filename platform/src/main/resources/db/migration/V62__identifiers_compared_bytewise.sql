-- Anju schema, version 62: the keys a billing run checks and writes by the million compare byte by
-- byte (collation "C") instead of by the database's collation (docs/billing.md "Benchmark").
-- They are machine identifiers ("contract:17:0", "payment:42"), never sorted for people, so
-- nothing changes in meaning; under a libc collation such as C.UTF-8 or zh_CN.UTF-8 every
-- comparison of their unique indexes called strcoll, and the index of invoice_lines' (stream,
-- source_id) cost more than writing the 1.7 million lines of a large community's month.
-- The columns are retyped in place; their indexes are rebuilt with them.
--
-- line_no: the place of a line on its invoice, so that a run can insert its lines in whatever
-- order the database joins them (sorting 1.7 million lines by staging order cost a tenth of the
-- run); lines read back ORDER BY line_no, id. Lines written before, and a credit note's, are 0
-- (their order is their id's, as before).
ALTER TABLE invoice_lines
    ALTER COLUMN stream TYPE text COLLATE "C",
    ALTER COLUMN source_id TYPE text COLLATE "C",
    ADD COLUMN line_no integer NOT NULL DEFAULT 0 CHECK (line_no >= 0);
ALTER TABLE journal_entries
    ALTER COLUMN idempotency_key TYPE text COLLATE "C";
