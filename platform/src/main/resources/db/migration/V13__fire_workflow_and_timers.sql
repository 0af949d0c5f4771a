-- Anju schema, version 13: the fire-alarm verification workflow (GB 50440 / GB 25201), its audit
-- trail, and the timers (escalations, rescue deadlines) a scheduler fires, kept here so that they
-- survive restarts.

CREATE TABLE fire_cases (
    id                 bigserial PRIMARY KEY,
    alert_id           bigint NOT NULL UNIQUE REFERENCES alerts (id),
    tenant_id          text NOT NULL REFERENCES tenants (id),
    community_id       text NOT NULL REFERENCES communities (id),
    device_id          text NOT NULL REFERENCES devices (id),
    state              text NOT NULL CHECK (state IN ('received', 'acknowledged', 'verifying', 'confirmed_fire',
                                                      'forwarded_119', 'false_alarm', 'test', 'closed')),
    -- the verdict a closed case had: confirmed_fire (then forwarded), false_alarm or test
    verdict            text CHECK (verdict IN ('confirmed_fire', 'false_alarm', 'test')),
    false_alarm_cause  text,
    -- 0 none, 1 unacknowledged too long, 2 also not confirmed in time
    escalation_level   integer NOT NULL DEFAULT 0,
    received_at        timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    forwarded_at       timestamptz,
    closed_at          timestamptz,
    CHECK (state <> 'false_alarm' OR false_alarm_cause IS NOT NULL)
);
CREATE INDEX fire_cases_community_idx ON fire_cases (community_id, id DESC);
CREATE INDEX fire_cases_false_alarm_idx ON fire_cases (device_id, closed_at) WHERE verdict = 'false_alarm';

-- Every transition: who, when, why. actor 'system' for automatic steps (forwarding, escalation).
CREATE TABLE fire_case_transitions (
    id          bigserial PRIMARY KEY,
    case_id     bigint NOT NULL REFERENCES fire_cases (id),
    from_state  text,
    to_state    text NOT NULL,
    actor       text NOT NULL,
    at          timestamptz NOT NULL,
    note        text
);
CREATE INDEX fire_case_transitions_case_idx ON fire_case_transitions (case_id, id);

-- Due work: subject fire_case (kinds unacknowledged, unconfirmed) or rescue (kind sla).
-- done_at is set in the transaction that acts on the timer (or cancels it), so it fires once.
CREATE TABLE alert_timers (
    id          bigserial PRIMARY KEY,
    subject     text NOT NULL CHECK (subject IN ('fire_case', 'rescue')),
    subject_id  bigint NOT NULL,
    kind        text NOT NULL,
    due_at      timestamptz NOT NULL,
    done_at     timestamptz,
    outcome     text,
    UNIQUE (subject, subject_id, kind)
);
CREATE INDEX alert_timers_due_idx ON alert_timers (due_at) WHERE done_at IS NULL;
