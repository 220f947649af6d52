-- The supervisors' notification list: what the system tells a team's supervisors at once, delivered through
-- Wolverine's durable outbox after the write that caused it commits. One row per cause (a PPN raised): a message
-- delivered twice (delivery is at least once) finds its row there and adds nothing.
CREATE TABLE mosovo.supervisor_notices (
    id           uuid        PRIMARY KEY,
    kind         text        NOT NULL,
    offender_id  uuid        NOT NULL,
    team         text        NOT NULL,
    what         text        NOT NULL,
    due_at       timestamptz NULL,
    raised_at    timestamptz NOT NULL,
    delivered_at timestamptz NOT NULL
);

CREATE INDEX supervisor_notices_team ON mosovo.supervisor_notices (team, raised_at DESC);
