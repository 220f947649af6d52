-- Search results and caseloads list offenders by a few fields: each summary keeps its list line ready (written by
-- OffenderSummaryProjection), so a list no longer reads and folds every listed offender's whole state
-- (build/bench.sh read: name search p95 60 ms, most of it deserializing states). The PNC id gets a column of its
-- own so that a search by reference or PNC id uses indexes instead of reading every state.
-- Rows are filled when summaries of the older shape are folded again at start-up (schema version 4).
ALTER TABLE mosovo.offender_summaries
    ADD COLUMN list_item jsonb NULL,
    ADD COLUMN pnc_id text NULL;

CREATE INDEX offender_summaries_pnc_id ON mosovo.offender_summaries (pnc_id) WHERE pnc_id IS NOT NULL;
