-- Cheaper secondary indexes on audit_entries: every append pays for each of them, and they were
-- about a quarter of PostgreSQL's CPU per ingested event.
--
-- occurred_at: producers' clocks follow the log order closely, so a BRIN index (a few bytes per
-- 32 heap pages, updated only when a range summary widens) answers the from/to bounds with a
-- bitmap scan instead of a B-tree insert per row.
drop index audit_entries_occurred;
create index audit_entries_occurred_brin on audit_entries using brin (occurred_at)
    with (pages_per_range = 32, autosummarize = on);

-- outcome: nearly every entry is a success, and "newest successes" is answered by walking the
-- primary key (tenant_id, idx) backwards; only the rare outcomes need an index of their own.
drop index audit_entries_outcome;
create index audit_entries_outcome_rare on audit_entries (tenant_id, outcome, idx)
    where outcome <> 'success';
