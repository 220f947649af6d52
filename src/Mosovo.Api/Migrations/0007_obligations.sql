-- Every obligation the policies have opened on an offender (open and closed), for the compliance queue and
-- the practice figures. Rewritten for an offender by OffenderSummaryProjection in each append's transaction.
CREATE TABLE mosovo.obligations (
    offender_id        uuid        NOT NULL,
    key                text        NOT NULL,
    kind               text        NOT NULL,
    what               text        NOT NULL,
    why                text        NOT NULL,
    opened_by_version  bigint      NOT NULL,
    opened_by_type     text        NOT NULL,
    anchor_at          timestamptz NOT NULL,
    due_at             timestamptz NOT NULL,
    closed_at          timestamptz NULL,
    closed_by_version  bigint      NULL,
    closed_by          text        NULL,
    waived             boolean     NOT NULL DEFAULT false,
    waiver_reason      text        NULL,
    team               text        NOT NULL,
    manager_id         text        NOT NULL,
    manager_name       text        NOT NULL,
    PRIMARY KEY (offender_id, key)
);

-- The queue: open items by team (or manager), soonest due first.
CREATE INDEX obligations_open_team ON mosovo.obligations (team, due_at) WHERE closed_at IS NULL;
CREATE INDEX obligations_open_manager ON mosovo.obligations (manager_id, due_at) WHERE closed_at IS NULL;
CREATE INDEX obligations_open_due ON mosovo.obligations (due_at) WHERE closed_at IS NULL;
CREATE INDEX obligations_kind_anchor ON mosovo.obligations (kind, anchor_at);
