-- The audit ledger: one append-only RFC 9162 Merkle log per tenant (see docs/audit.md).

-- Entries: body is the RFC 8785 canonical JSON of the stored entry, the exact leaf data that was
-- hashed. The other columns copy fields of the body so that queries can filter on them.
create table audit_entries (
    tenant_id      uuid        not null default bulwark_current_tenant() references tenants (id),
    idx            bigint      not null check (idx >= 0),
    event_id       uuid        not null,
    occurred_at    timestamptz not null,
    recorded_at    timestamptz not null,
    category       text        not null,
    action         text        not null,
    outcome        text        not null,
    actor_type     text        not null,
    actor_id       text,
    resource_type  text,
    resource_id    text,
    correlation_id text,
    break_glass    boolean     not null,
    body           bytea       not null,
    primary key (tenant_id, idx),
    unique (tenant_id, event_id)
);
create index audit_entries_occurred on audit_entries (tenant_id, occurred_at);
create index audit_entries_category on audit_entries (tenant_id, category, idx);
create index audit_entries_action on audit_entries (tenant_id, action, idx);
create index audit_entries_outcome on audit_entries (tenant_id, outcome, idx);
create index audit_entries_actor on audit_entries (tenant_id, actor_id, idx) where actor_id is not null;
create index audit_entries_resource on audit_entries (tenant_id, resource_type, resource_id, idx)
    where resource_type is not null;
create index audit_entries_correlation on audit_entries (tenant_id, correlation_id, idx)
    where correlation_id is not null;
create index audit_entries_break_glass on audit_entries (tenant_id, idx) where break_glass;

-- Complete perfect subtrees of each tenant's tree: NodeId(level, idx) of bulwark-ledger. Level 0
-- holds the leaf hashes.
create table audit_nodes (
    tenant_id uuid     not null default bulwark_current_tenant() references tenants (id),
    level     smallint not null check (level between 0 and 62),
    idx       bigint   not null check (idx >= 0),
    hash      bytea    not null check (length(hash) = 32),
    primary key (tenant_id, level, idx)
);

-- Each tenant's tree head: how many entries the log holds and the root over them.
create table audit_heads (
    tenant_id  uuid        primary key default bulwark_current_tenant() references tenants (id),
    size       bigint      not null check (size >= 0),
    root_hash  bytea       not null check (length(root_hash) = 32),
    updated_at timestamptz not null default now()
);

-- Signed checkpoints (C2SP tlog-checkpoint as signed-note), exactly as served.
create table audit_checkpoints (
    tenant_id  uuid        not null default bulwark_current_tenant() references tenants (id),
    tree_size  bigint      not null check (tree_size >= 0),
    root_hash  bytea       not null check (length(root_hash) = 32),
    note       text        not null,
    created_at timestamptz not null default now(),
    primary key (tenant_id, tree_size)
);

-- Each tenant's Ed25519 checkpoint key; private_key is the C2SP signer key encrypted under the
-- tenant's data key (associated data: tenant and key name).
create table audit_log_keys (
    tenant_id    uuid        not null default bulwark_current_tenant() references tenants (id),
    name         text        not null,
    verifier_key text        not null,
    private_key  bytea       not null,
    created_at   timestamptz not null default now(),
    primary key (tenant_id, name)
);

do $$
declare
    t text;
begin
    foreach t in array array['audit_entries', 'audit_nodes', 'audit_heads', 'audit_checkpoints',
                             'audit_log_keys']
    loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format('create policy tenant_isolation on %I using (tenant_id = bulwark_current_tenant())'
                       ' with check (tenant_id = bulwark_current_tenant())', t);
    end loop;
end
$$;

-- Entries, nodes, checkpoints and keys are written once; only the head moves forward.
grant select, insert on audit_entries, audit_nodes, audit_checkpoints, audit_log_keys to ${app_role};
grant select, insert, update on audit_heads to ${app_role};

-- Immutability beyond grants: even a role that may update or delete is refused. (Retention pruning
-- will replace bodies through a dedicated, audited path when it lands.)
create function audit_refuse_change() returns trigger
    language plpgsql
as $$
begin
    raise exception 'audit ledger rows are append-only: % on % refused', tg_op, tg_table_name
        using errcode = 'insufficient_privilege';
end
$$;

create trigger audit_entries_append_only before update or delete on audit_entries
    for each row execute function audit_refuse_change();
create trigger audit_nodes_append_only before update or delete on audit_nodes
    for each row execute function audit_refuse_change();
create trigger audit_checkpoints_append_only before update or delete on audit_checkpoints
    for each row execute function audit_refuse_change();
create trigger audit_entries_no_truncate before truncate on audit_entries
    for each statement execute function audit_refuse_change();
create trigger audit_nodes_no_truncate before truncate on audit_nodes
    for each statement execute function audit_refuse_change();

-- The logs that grew since their last checkpoint: tenant ids only, no tenant data, so the
-- checkpoint job finds its work in one query instead of binding every tenant in turn. Not
-- tenant-owned (like the tenant registry), hence no row-level security.
create table audit_pending_checkpoints (
    tenant_id uuid        primary key references tenants (id),
    grew_at   timestamptz not null
);
grant select, insert, update, delete on audit_pending_checkpoints to ${app_role};
