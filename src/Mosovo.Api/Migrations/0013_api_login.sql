-- The API's role may log in, so that the API can connect as it (or as a login made a member of it) rather than
-- as the schema's owner: connected as the owner, a statement could set the role back (SET ROLE NONE) and with it
-- every right the owner has, the access log's triggers included. No password is set here: local clusters trust
-- 127.0.0.1; elsewhere give it one (ALTER ROLE mosovo_api PASSWORD ...) or grant it to the API's own login.
ALTER ROLE mosovo_api LOGIN;
