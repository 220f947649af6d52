-- The system's recurring work (marking overdue items, recording expired shares) runs as a chain of Wolverine
-- messages: each run schedules the next. One row per kind of work says when its next run is due, so that a node
-- can tell a chain that died with its node (due long ago) and start it again, and only one node does.
CREATE TABLE mosovo.recurring_work (
    name      text        PRIMARY KEY,
    next_due  timestamptz NOT NULL,
    last_run  timestamptz NULL,
    last_done integer     NULL
);
