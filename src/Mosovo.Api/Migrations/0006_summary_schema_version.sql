-- Which shape of the Offender state a summary row holds (OffenderSummaryProjection.SchemaVersion). Rows of
-- an older shape are folded again from their streams at start-up, before the API serves anything.
ALTER TABLE mosovo.offender_summaries ADD COLUMN schema_version integer NOT NULL DEFAULT 0;
CREATE INDEX offender_summaries_outdated ON mosovo.offender_summaries (schema_version);
