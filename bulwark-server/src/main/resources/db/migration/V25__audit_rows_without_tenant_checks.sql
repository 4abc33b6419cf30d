-- The foreign key from each ledger row to tenants cost PostgreSQL a check per row: a query of the
-- tenants table under a row lock, queued as a trigger, ≈ 4.3 µs of the ≈ 7 µs it took to insert a
-- node row, and an append writes an entry row and on average a node row per event.
--
-- The rows need no check of their own. Row-level security already ties every row to the tenant
-- the transaction is bound to, the runtime binds only tenants it has read, and tenants are never
-- deleted. Every append also writes its log's head in the same transaction, and audit_heads keeps
-- its foreign key (checked once, when a log's head is first inserted): a log of a tenant that does
-- not exist cannot be committed.
alter table audit_entries drop constraint audit_entries_tenant_id_fkey;
alter table audit_nodes drop constraint audit_nodes_tenant_id_fkey;
alter table audit_node_tiles drop constraint audit_node_tiles_tenant_id_fkey;
