-- Anju schema, version 19: indexes for lists of records within a time range. A list of alerts,
-- incidents, fire cases or rescues holds the records active during the range: opened before its
-- end, and not finished (resolved, closed, released) before its start. "Finished at, or infinity
-- while active" is one indexed expression, so a range finds the unfinished records and those
-- finished within it without walking the whole table.
CREATE INDEX alerts_active_until_idx ON alerts ((coalesce(resolved_at, 'infinity'::timestamptz)));
CREATE INDEX incidents_active_until_idx ON incidents ((coalesce(resolved_at, 'infinity'::timestamptz)));
CREATE INDEX fire_cases_active_until_idx ON fire_cases ((coalesce(closed_at, 'infinity'::timestamptz)));
CREATE INDEX rescues_active_until_idx ON rescues ((coalesce(released_at, 'infinity'::timestamptz)));
