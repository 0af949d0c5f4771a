-- Once-only background work across platform instances (docs/operations.md, "Several instances"):
-- one row per cluster-wide job. The holder renews lease_until while it lives; when a holder is
-- killed its lease runs out and another instance takes the job over. last_run_at makes "once per
-- period" hold across a takeover: the new holder runs when the period since that run is over.
CREATE TABLE job_leases (
    job          text        PRIMARY KEY,
    holder       text        NOT NULL,
    lease_until  timestamptz NOT NULL,
    acquired_at  timestamptz NOT NULL,
    last_run_at  timestamptz,
    last_run_by  text,
    runs         bigint      NOT NULL DEFAULT 0
);
