-- Offender references handed out at registration: MOS-000001, MOS-000002, ...
CREATE SEQUENCE mosovo.offender_reference START 1;

-- A read model over every offender: who they are, who manages them, when last visited.
-- Built by OffenderIndexProjection in the same transaction as each append; rebuildable from the events.
CREATE TABLE mosovo.offender_index (
    offender_id        uuid        PRIMARY KEY,
    reference          text        NOT NULL UNIQUE,
    given_names        text        NOT NULL,
    family_name        text        NOT NULL,
    date_of_birth      date        NOT NULL,
    manager_id         text        NOT NULL,
    manager_name       text        NOT NULL,
    team               text        NOT NULL,
    registered_on      date        NOT NULL,
    last_visit_at      timestamptz NULL,
    version            bigint      NOT NULL
);

CREATE INDEX offender_index_team_manager ON mosovo.offender_index (team, manager_id);

-- Idempotency-Key records: a retried POST returns the first response. Written in the same transaction
-- as the events the first request appended, so a key is never stored without its events or vice versa.
CREATE TABLE mosovo.idempotency_keys (
    user_id       text        NOT NULL,
    key           text        NOT NULL,
    request_hash  text        NOT NULL,
    status        integer     NOT NULL,
    location      text        NULL,
    etag          text        NULL,
    body          text        NOT NULL,
    created_at    timestamptz NOT NULL,
    PRIMARY KEY (user_id, key)
);
