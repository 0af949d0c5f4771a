-- Anju schema, version 48: arrears (package billing; docs/billing.md "Arrears, late fees, credit
-- notes"). Reminders of overdue invoices are sent once per invoice and step; credit notes are issued
-- once per client key.
CREATE TABLE invoice_reminders (
    invoice_id     bigint NOT NULL REFERENCES invoices (id),
    -- the reminder step: days past the due date
    days_past_due  integer NOT NULL CHECK (days_past_due > 0),
    sent_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (invoice_id, days_past_due)
);

CREATE TABLE credit_note_requests (
    client_key      text PRIMARY KEY CHECK (length(client_key) BETWEEN 1 AND 200),
    invoice_id      bigint NOT NULL REFERENCES invoices (id),
    credit_note_id  bigint NOT NULL REFERENCES invoices (id),
    amount_fen      bigint NOT NULL CHECK (amount_fen > 0),
    reason          text NOT NULL,
    requested_by    text NOT NULL
);

-- what has been credited of an invoice, for owed amounts and aging
CREATE INDEX invoices_credits_idx ON invoices (credits_invoice_id) WHERE credits_invoice_id IS NOT NULL;
