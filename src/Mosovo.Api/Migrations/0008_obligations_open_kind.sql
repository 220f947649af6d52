-- Force-wide counts of open items per kind (the compliance queue's counts) read this index instead of every open row.
CREATE INDEX obligations_open_kind ON mosovo.obligations (kind, due_at) WHERE closed_at IS NULL;
