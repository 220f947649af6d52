-- Events now live in Marten's tables (mosovo.mt_streams, mosovo.mt_events), applied by the schema owner at
-- start-up (Hosting/EventStore.cs), which also keeps them append-only. The home-made event store's tables and
-- its outbox (Wolverine's durable outbox replaces it) go. No force ran the home-made store in production.
DROP TABLE IF EXISTS mosovo.outbox;
DROP TABLE IF EXISTS mosovo.events;
DROP TABLE IF EXISTS mosovo.streams;
