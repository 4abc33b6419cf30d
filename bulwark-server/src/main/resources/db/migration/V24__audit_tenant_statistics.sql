-- Plans for a tenant that ANALYZE has not seen.
--
-- With the default statistics target every tenant in ANALYZE's sample lands in the most-common-
-- values list of audit_entries.tenant_id, and together they cover the whole table. A tenant outside
-- that list (created or grown since the last ANALYZE, or one of the long tail once there are more
-- tenants than the list holds) is then estimated at one row, every index leading with tenant_id
-- looks equally cheap, and the planner read the frontier of such a log — `tenant_id = ? and idx =
-- any(?)` — through the (tenant_id, event_id) index, visiting every entry of the tenant on each
-- append: 5.2 ms a commit after 39,000 entries, where the primary key answers in 0.05 ms.
--
-- A statistics target of 1 keeps only the largest tenant in the list. Every other tenant, seen or
-- not, is estimated at the average size of the rest, so lookups by (tenant_id, idx) go through the
-- primary key and filters by action or actor through their own indexes.
alter table audit_entries alter column tenant_id set statistics 1;
analyze audit_entries;
