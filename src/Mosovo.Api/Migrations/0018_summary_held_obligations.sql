-- Obligations move out of the stored summary's JSON: mosovo.obligations, which already held every one, is their one
-- place. The summary names those its state holds (the open ones and the latest home-visit items, in order), and the
-- projection reads those rows back with the state. Carried in the JSON they doubled the state an append reads and
-- writes (build/bench.sh compliance: an append with the policies on cost 1.5 times one without).
-- Rows are filled when summaries of the older shape are folded again at start-up (schema version 6).
ALTER TABLE mosovo.offender_summaries ADD COLUMN held_obligations text[] NOT NULL DEFAULT '{}';
