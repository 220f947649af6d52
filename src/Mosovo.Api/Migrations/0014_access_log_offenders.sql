-- A read that lists several offenders (a partner's list of shared offenders) names them all in one entry, so that
-- each one's subject access report finds it.
ALTER TABLE mosovo.access_log ADD COLUMN offenders uuid[] NULL;

CREATE INDEX access_log_offenders ON mosovo.access_log USING gin (offenders) WHERE offenders IS NOT NULL;
