-- The access and change log (Data Protection Act 2018 s.62): one row per read of an offender's record or a
-- partner summary, per write, and per refused attempt. Rows are only ever added: no UPDATE, DELETE or TRUNCATE
-- succeeds, whoever asks (the triggers), and the API's role is not even granted them (0011).
CREATE TABLE mosovo.access_log (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at              timestamptz NOT NULL,
    -- s.62's words: consultation (a force user read), disclosure (a partner read), collection (a new record),
    -- alteration (a change to a record), refusal (an attempt the API refused for want of a role or a purpose).
    kind            text        NOT NULL CHECK (kind IN ('consultation', 'disclosure', 'collection', 'alteration', 'refusal')),
    -- The view read (offender-summary, partner-summary, timeline, ...) or the event types written.
    what            text        NOT NULL,
    offender_id     uuid        NULL,
    user_id         text        NOT NULL,
    user_name       text        NOT NULL,
    roles           text        NOT NULL,
    agency          text        NULL,
    team            text        NULL,
    purpose         text        NULL,
    outcome         integer     NOT NULL,
    method          text        NOT NULL,
    path            text        NOT NULL,
    client_address  text        NULL,
    correlation_id  uuid        NOT NULL
);

-- The auditor's questions, newest first: by offender, by user, by agency, by time.
CREATE INDEX access_log_offender ON mosovo.access_log (offender_id, id) WHERE offender_id IS NOT NULL;
CREATE INDEX access_log_user ON mosovo.access_log (user_id, id);
CREATE INDEX access_log_agency ON mosovo.access_log (agency, id) WHERE agency IS NOT NULL;
CREATE INDEX access_log_at ON mosovo.access_log USING brin (at);

CREATE TRIGGER access_log_append_only
    BEFORE UPDATE OR DELETE ON mosovo.access_log
    FOR EACH ROW EXECUTE FUNCTION mosovo.refuse_change();

CREATE TRIGGER access_log_no_truncate
    BEFORE TRUNCATE ON mosovo.access_log
    FOR EACH STATEMENT EXECUTE FUNCTION mosovo.refuse_change();
