-- The compliance queue's counts per kind and per manager, kept as counters instead of counted on every read
-- (build/bench.sh compliance at 100,000 offenders: 938,000 open items, a team's counts 176 ms, the force's 250+).
--
-- open: the open items of a team, manager and kind. overdue: those of them already marked overdue. An open item
-- is marked (counted_overdue) by OverdueSweep once its due time has passed; a read adds the open items overdue but
-- not yet marked (due since the last sweep, a short range of an index), so its counts are exact at any moment.
-- Triggers keep the counters in the transaction of every change to mosovo.obligations, whoever makes it (the
-- summary projection, a refresh, a rebuild, the sweep).
ALTER TABLE mosovo.obligations ADD COLUMN counted_overdue boolean NOT NULL DEFAULT false;

CREATE TABLE mosovo.obligation_counts (
    team          text    NOT NULL,
    manager_id    text    NOT NULL,
    kind          text    NOT NULL,
    manager_name  text    NOT NULL,
    open          bigint  NOT NULL,
    overdue       bigint  NOT NULL,
    PRIMARY KEY (team, manager_id, kind)
);

CREATE INDEX obligation_counts_manager ON mosovo.obligation_counts (manager_id);

-- Open items overdue but not yet marked: the range due_at < now of this index is what the last sweep left.
CREATE INDEX obligations_unmarked_due ON mosovo.obligations (due_at) INCLUDE (team, manager_id, kind, manager_name)
    WHERE closed_at IS NULL AND NOT counted_overdue;

-- What the changed rows add to the counters: rows that arrive count up, rows that leave count down. Grouped and
-- sorted, so that concurrent writers take the counters' row locks in one order.
CREATE FUNCTION mosovo.obligations_arrived() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO mosovo.obligation_counts AS c (team, manager_id, kind, manager_name, open, overdue)
    SELECT team, manager_id, kind, max(manager_name), count(*), count(*) FILTER (WHERE counted_overdue)
      FROM new_rows WHERE closed_at IS NULL
     GROUP BY team, manager_id, kind ORDER BY team, manager_id, kind
    ON CONFLICT (team, manager_id, kind) DO UPDATE
       SET open = c.open + EXCLUDED.open, overdue = c.overdue + EXCLUDED.overdue, manager_name = EXCLUDED.manager_name;
    RETURN NULL;
END;
$$;

CREATE FUNCTION mosovo.obligations_departed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO mosovo.obligation_counts AS c (team, manager_id, kind, manager_name, open, overdue)
    SELECT team, manager_id, kind, max(manager_name), -count(*), -count(*) FILTER (WHERE counted_overdue)
      FROM old_rows WHERE closed_at IS NULL
     GROUP BY team, manager_id, kind ORDER BY team, manager_id, kind
    ON CONFLICT (team, manager_id, kind) DO UPDATE
       SET open = c.open + EXCLUDED.open, overdue = c.overdue + EXCLUDED.overdue;
    RETURN NULL;
END;
$$;

CREATE FUNCTION mosovo.obligations_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO mosovo.obligation_counts AS c (team, manager_id, kind, manager_name, open, overdue)
    SELECT team, manager_id, kind, max(manager_name), sum(open), sum(overdue)
      FROM (SELECT team, manager_id, kind, manager_name, 1 AS open, CASE WHEN counted_overdue THEN 1 ELSE 0 END AS overdue
              FROM new_rows WHERE closed_at IS NULL
            UNION ALL
            SELECT team, manager_id, kind, manager_name, -1, CASE WHEN counted_overdue THEN -1 ELSE 0 END
              FROM old_rows WHERE closed_at IS NULL) d
     GROUP BY team, manager_id, kind
    HAVING sum(open) <> 0 OR sum(overdue) <> 0
     ORDER BY team, manager_id, kind
    ON CONFLICT (team, manager_id, kind) DO UPDATE
       SET open = c.open + EXCLUDED.open, overdue = c.overdue + EXCLUDED.overdue;
    RETURN NULL;
END;
$$;

CREATE TRIGGER obligations_counted_insert AFTER INSERT ON mosovo.obligations
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION mosovo.obligations_arrived();
CREATE TRIGGER obligations_counted_update AFTER UPDATE ON mosovo.obligations
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION mosovo.obligations_changed();
CREATE TRIGGER obligations_counted_delete AFTER DELETE ON mosovo.obligations
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION mosovo.obligations_departed();

INSERT INTO mosovo.obligation_counts (team, manager_id, kind, manager_name, open, overdue)
SELECT team, manager_id, kind, max(manager_name), count(*), 0
  FROM mosovo.obligations WHERE closed_at IS NULL
 GROUP BY team, manager_id, kind;
