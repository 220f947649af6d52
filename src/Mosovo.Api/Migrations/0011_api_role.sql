-- The role the API works as (MosovoHost sets it on every connection): it may read and write the tables it
-- needs, but may only add to the event store and the access log, never change or delete what is there, and
-- may not touch the schema or the migrations' record. Roles belong to the whole PostgreSQL cluster, so the
-- role is created once; another database (or a migration racing this one) may have made it already.
-- In production the API's login role is made a member: GRANT mosovo_api TO <login role>.
DO $$
BEGIN
    CREATE ROLE mosovo_api NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
END
$$;

GRANT USAGE ON SCHEMA mosovo TO mosovo_api;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA mosovo TO mosovo_api;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA mosovo TO mosovo_api;

REVOKE INSERT, UPDATE, DELETE ON mosovo.schema_migrations FROM mosovo_api;
REVOKE UPDATE, DELETE ON mosovo.events FROM mosovo_api;
REVOKE DELETE ON mosovo.streams FROM mosovo_api;
REVOKE UPDATE, DELETE ON mosovo.access_log FROM mosovo_api;

-- Tables later migrations create are the API's to read and write unless that migration revokes it.
ALTER DEFAULT PRIVILEGES IN SCHEMA mosovo GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO mosovo_api;
ALTER DEFAULT PRIVILEGES IN SCHEMA mosovo GRANT USAGE, SELECT ON SEQUENCES TO mosovo_api;
