-- Anju schema, version 57: the escalation of overdue work orders (package maintenance.work): one row
-- per order and step, so each step is notified once (maintenance.work_overdue through the outbox).
CREATE TABLE work_order_escalations (
    work_order_id  bigint NOT NULL REFERENCES work_orders (id),
    step           integer NOT NULL CHECK (step >= 1),
    escalated_at   timestamptz NOT NULL,
    PRIMARY KEY (work_order_id, step)
);
-- The alert side of the link between a fault alert and its work order (package alerts writes it).
ALTER TABLE alerts ADD COLUMN work_order_id bigint;
