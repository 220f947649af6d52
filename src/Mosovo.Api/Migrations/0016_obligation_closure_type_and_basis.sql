-- The stored summary keeps only open obligations (and the latest home-visit items): closed ones are read from this
-- table, which now holds everything the state did: what the due time rested on, and the type of the closing event.
-- Rows written before are filled when their summaries are folded again at start-up (schema version 5).
ALTER TABLE mosovo.obligations
    ADD COLUMN basis text NULL,
    ADD COLUMN closed_by_type text NULL;
