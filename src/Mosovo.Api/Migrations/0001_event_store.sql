-- The event store: one stream per aggregate (an offender), events in a global order,
-- optimistic concurrency by stream version from the first migration.
CREATE SCHEMA IF NOT EXISTS mosovo;

CREATE TABLE mosovo.streams (
    id          uuid        PRIMARY KEY,
    type        text        NOT NULL,
    version     bigint      NOT NULL CHECK (version > 0),
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);

CREATE TABLE mosovo.events (
    seq          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    stream_id    uuid        NOT NULL REFERENCES mosovo.streams (id),
    version      bigint      NOT NULL CHECK (version > 0),
    type         text        NOT NULL,
    data         jsonb       NOT NULL,
    metadata     jsonb       NOT NULL,
    recorded_at  timestamptz NOT NULL,
    CONSTRAINT events_stream_version_unique UNIQUE (stream_id, version)
);

-- Nothing is updated in place or deleted: a correction is a new event.
CREATE FUNCTION mosovo.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'mosovo.% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER events_append_only
    BEFORE UPDATE OR DELETE ON mosovo.events
    FOR EACH ROW EXECUTE FUNCTION mosovo.refuse_change();

CREATE TRIGGER events_no_truncate
    BEFORE TRUNCATE ON mosovo.events
    FOR EACH STATEMENT EXECUTE FUNCTION mosovo.refuse_change();

-- Messages to the world outside, written in the same transaction as the events that caused them.
CREATE TABLE mosovo.outbox (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    type           text        NOT NULL,
    payload        jsonb       NOT NULL,
    stream_id      uuid        NULL,
    correlation_id uuid        NULL,
    created_at     timestamptz NOT NULL,
    available_at   timestamptz NOT NULL,
    attempts       integer     NOT NULL DEFAULT 0,
    last_error     text        NULL,
    processed_at   timestamptz NULL,
    dead_at        timestamptz NULL
);

CREATE INDEX outbox_pending ON mosovo.outbox (available_at, id)
    WHERE processed_at IS NULL AND dead_at IS NULL;
