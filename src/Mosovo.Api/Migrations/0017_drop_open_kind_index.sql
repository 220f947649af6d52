-- Counts per kind come from mosovo.obligation_counts (0015); a queue page filtered by kind reads obligations_open_due
-- and skips the other kinds. One index fewer for every obligation written.
DROP INDEX mosovo.obligations_open_kind;
