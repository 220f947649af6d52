-- Shares of an offender's summary with a partner agency, as the offender's stream records them (granted,
-- revoked, expired). Rewritten for an offender by OffenderSummaryProjection in each append's transaction;
-- a partner's read checks it: an active share is one not revoked whose until is still ahead.
CREATE TABLE mosovo.partner_shares (
    offender_id   uuid        NOT NULL,
    share_id      uuid        NOT NULL,
    agency        text        NOT NULL,
    purpose       text        NOT NULL,
    serves_level  integer     NULL,
    serves_meeting_id uuid    NULL,
    until         timestamptz NOT NULL,
    granted_at    timestamptz NOT NULL,
    revoked_at    timestamptz NULL,
    -- When the expiry was recorded on the stream (by ShareExpiry); access ends at until whether or not it was.
    expired_at    timestamptz NULL,
    PRIMARY KEY (offender_id, share_id)
);

CREATE INDEX partner_shares_agency ON mosovo.partner_shares (agency, offender_id) WHERE revoked_at IS NULL;
CREATE INDEX partner_shares_to_expire ON mosovo.partner_shares (until) WHERE revoked_at IS NULL AND expired_at IS NULL;
