-- Appends now insert the events in the same statement that moves the stream's version (a data-modifying
-- CTE), so an event can only be written for a stream row that the same statement inserted or updated: the
-- foreign key's per-row check and row lock added cost (build/bench.sh store) and no safety.
-- Streams are never deleted, which keeps every event's stream in place.
ALTER TABLE mosovo.events DROP CONSTRAINT events_stream_id_fkey;

CREATE TRIGGER streams_no_delete
    BEFORE DELETE ON mosovo.streams
    FOR EACH ROW EXECUTE FUNCTION mosovo.refuse_change();

CREATE TRIGGER streams_no_truncate
    BEFORE TRUNCATE ON mosovo.streams
    FOR EACH STATEMENT EXECUTE FUNCTION mosovo.refuse_change();
