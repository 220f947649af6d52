-- The timeline marks entries withdrawn by a correction; this finds an offender's corrections without
-- reading the rest of their stream.
CREATE INDEX events_corrections ON mosovo.events (stream_id) WHERE type = 'record-corrected';
