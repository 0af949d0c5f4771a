-- Anju schema, version 59 (package maintenance.work; docs/maintenance.md "Work orders"): when the fault
-- behind a corrective order cleared (the device reported normal again). The order stays open: a fault
-- that cleared itself still needs a technician to inspect the asset and verify the work.
ALTER TABLE work_orders ADD COLUMN fault_cleared_at timestamptz;
