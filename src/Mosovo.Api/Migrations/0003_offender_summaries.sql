-- The offender summary replaces the offender index: one row per offender holding the folded state (what
-- the summary view returns) and the columns that search and caseloads filter on.
-- Built by OffenderSummaryProjection in the same transaction as each append; rebuildable from the events.
DROP TABLE mosovo.offender_index;

-- Trigram indexes for name and alias search (pg_trgm is a trusted extension from PostgreSQL 13).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE mosovo.offender_summaries (
    offender_id         uuid        PRIMARY KEY,
    version             bigint      NOT NULL,
    reference           text        NOT NULL,
    given_names         text        NOT NULL,
    family_name         text        NOT NULL,
    -- names and aliases, lower case, accents removed, punctuation as spaces (SearchText.Normalize)
    search_text         text        NOT NULL,
    date_of_birth       date        NOT NULL,
    manager_id          text        NOT NULL,
    manager_name        text        NOT NULL,
    team                text        NOT NULL,
    registration_ended  boolean     NOT NULL,
    state               jsonb       NOT NULL
);

CREATE INDEX offender_summaries_reference ON mosovo.offender_summaries (reference);
CREATE INDEX offender_summaries_date_of_birth ON mosovo.offender_summaries (date_of_birth);
CREATE INDEX offender_summaries_manager ON mosovo.offender_summaries (manager_id, family_name);
CREATE INDEX offender_summaries_team ON mosovo.offender_summaries (team, family_name);
CREATE INDEX offender_summaries_search ON mosovo.offender_summaries USING gin (search_text gin_trgm_ops);
