-- Compact Merkle node storage (see docs/audit.md#storage): every append used to insert two
-- audit_nodes rows per entry (its leaf hash and, on average, one interior node), each with its
-- primary-key entry and foreign-key check, about a third of PostgreSQL's work per ingested event.
--
-- * The leaf hash (level 0) moves into the entry's own row, audit_entries.leaf_hash.
-- * The 255 interior nodes (levels 1 to 8) of every complete 256-leaf subtree are stored together
--   as one tile row, like Trillian Tessera's tiles: audit_node_tiles(tenant_id, tile, hashes), the
--   32-byte hashes ordered by level, then index.
-- * audit_nodes keeps the nodes above the tiles (level 9 and up) and the interior nodes of the
--   incomplete tile at the right edge of the tree; when that tile completes, it is written whole.
-- Every node is still stored, so verification compares each recomputed node as before.

-- Level 0: the leaf hash beside the entry it hashes. Null only where a damaged log had lost its
-- leaf node; verification reports it as missing.
alter table audit_entries add column leaf_hash bytea check (length(leaf_hash) = 32);
alter table audit_entries alter column leaf_hash set storage plain;

create table audit_node_tiles (
    tenant_id uuid   not null default bulwark_current_tenant() references tenants (id),
    tile      bigint not null check (tile >= 0),
    hashes    bytea  not null check (length(hashes) = 255 * 32),
    primary key (tenant_id, tile)
);
-- Hashes do not compress: keep them out of line without trying.
alter table audit_node_tiles alter column hashes set storage external;
alter table audit_node_tiles enable row level security;
alter table audit_node_tiles force row level security;
create policy tenant_isolation on audit_node_tiles
    using (tenant_id = bulwark_current_tenant()) with check (tenant_id = bulwark_current_tenant());
grant select, insert on audit_node_tiles to ${app_role};
create trigger audit_node_tiles_append_only before update or delete on audit_node_tiles
    for each row execute function audit_refuse_change();
create trigger audit_node_tiles_no_truncate before truncate on audit_node_tiles
    for each statement execute function audit_refuse_change();

-- Existing logs move to the new layout. The owner may be subject to the forced row-level security,
-- and the append-only triggers refuse the owner too: both are switched off for this transaction.
alter table audit_entries no force row level security;
alter table audit_nodes no force row level security;
alter table audit_node_tiles no force row level security;
alter table audit_entries disable trigger audit_entries_append_only;
alter table audit_nodes disable trigger audit_nodes_append_only;

update audit_entries e
   set leaf_hash = n.hash
  from audit_nodes n
 where n.tenant_id = e.tenant_id and n.level = 0 and n.idx = e.idx;

insert into audit_node_tiles (tenant_id, tile, hashes)
select tenant_id, tile, string_agg(hash, ''::bytea order by level, idx)
  from (select tenant_id, level, idx, hash, idx >> (8 - level) as tile
          from audit_nodes
         where level between 1 and 8) interior
 group by tenant_id, tile
having count(*) = 255;

delete from audit_nodes n
 where n.level = 0
    or (n.level between 1 and 8
        and exists (select 1 from audit_node_tiles t
                     where t.tenant_id = n.tenant_id and t.tile = n.idx >> (8 - n.level)));

alter table audit_nodes enable trigger audit_nodes_append_only;
alter table audit_entries enable trigger audit_entries_append_only;
alter table audit_node_tiles force row level security;
alter table audit_nodes force row level security;
alter table audit_entries force row level security;

-- Pruning (V9) may drop a body and the personal columns, never the leaf hash.
create or replace function audit_entries_refuse_change() returns trigger
    language plpgsql
as $$
begin
    if tg_op = 'UPDATE'
        and current_setting('bulwark.audit_prune', true) = 'on'
        and old.body is not null and old.pruned_at is null
        and new.body is null and new.pruned_at is not null
        and new.actor_id is null and new.resource_id is null and new.correlation_id is null
        and (new.tenant_id, new.idx, new.event_id, new.occurred_at, new.recorded_at, new.category,
             new.action, new.outcome, new.actor_type, new.resource_type, new.break_glass,
             new.leaf_hash)
            is not distinct from
            (old.tenant_id, old.idx, old.event_id, old.occurred_at, old.recorded_at, old.category,
             old.action, old.outcome, old.actor_type, old.resource_type, old.break_glass,
             old.leaf_hash)
    then
        return new;
    end if;
    raise exception 'audit ledger rows are append-only: % on % refused', tg_op, tg_table_name
        using errcode = 'insufficient_privilege';
end
$$;
