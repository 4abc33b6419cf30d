-- Audit retention (see docs/audit.md#retention): per-tenant retention settings, pruning of entry
-- bodies through one dedicated, audited path, and rotatable checkpoint keys.

-- Each tenant's audit retention period (ISO 8601, such as P7Y); no row means the default.
create table audit_retention_settings (
    tenant_id        uuid        primary key default bulwark_current_tenant() references tenants (id),
    retention_period text        not null check (retention_period ~ '^P[0-9YMWD]+$'),
    updated_at       timestamptz not null default now()
);

alter table audit_retention_settings enable row level security;
alter table audit_retention_settings force row level security;
create policy tenant_isolation on audit_retention_settings
    using (tenant_id = bulwark_current_tenant()) with check (tenant_id = bulwark_current_tenant());
grant select, insert, update on audit_retention_settings to ${app_role};

-- A pruned entry keeps its index, its leaf hash (audit_nodes level 0) and the non-personal filter
-- columns; its body and the columns copying personal data from it are gone.
alter table audit_entries alter column body drop not null;
alter table audit_entries add column pruned_at timestamptz;
alter table audit_entries add constraint audit_entries_pruned_without_body
    check ((body is null) = (pruned_at is not null));

-- The append-only guard of audit_entries, with one exception: inside audit_prune_entries (which
-- sets bulwark.audit_prune for its own statement), an update that only drops a body and the
-- personal columns is let through. Everything else is refused for every role, the owner included.
-- The runtime role has no UPDATE grant at all, so it cannot even reach this trigger.
create function audit_entries_refuse_change() returns trigger
    language plpgsql
as $$
begin
    if tg_op = 'UPDATE'
        and current_setting('bulwark.audit_prune', true) = 'on'
        and old.body is not null and old.pruned_at is null
        and new.body is null and new.pruned_at is not null
        and new.actor_id is null and new.resource_id is null and new.correlation_id is null
        and (new.tenant_id, new.idx, new.event_id, new.occurred_at, new.recorded_at, new.category,
             new.action, new.outcome, new.actor_type, new.resource_type, new.break_glass)
            is not distinct from
            (old.tenant_id, old.idx, old.event_id, old.occurred_at, old.recorded_at, old.category,
             old.action, old.outcome, old.actor_type, old.resource_type, old.break_glass)
    then
        return new;
    end if;
    raise exception 'audit ledger rows are append-only: % on % refused', tg_op, tg_table_name
        using errcode = 'insufficient_privilege';
end
$$;

drop trigger audit_entries_append_only on audit_entries;
create trigger audit_entries_append_only before update or delete on audit_entries
    for each row execute function audit_entries_refuse_change();

-- The retention path: drops the bodies of the given entries of the bound tenant that were recorded
-- before p_recorded_before. Runs as the schema owner (security definer), so the runtime role needs
-- no UPDATE grant. Whatever the caller asks, entries recorded less than a year ago (the platform
-- floor) are never pruned. Returns the indexes it pruned.
create function audit_prune_entries(p_tenant uuid, p_indexes bigint[], p_recorded_before timestamptz)
    returns setof bigint
    language plpgsql
    security definer
    set search_path = ${flyway:defaultSchema}, pg_temp
as $$
begin
    if p_tenant is null or p_tenant is distinct from bulwark_current_tenant() then
        raise exception 'audit pruning must run bound to the tenant whose log it prunes'
            using errcode = 'insufficient_privilege';
    end if;
    perform set_config('bulwark.audit_prune', 'on', true);
    return query
        update audit_entries e
           set body = null, actor_id = null, resource_id = null, correlation_id = null,
               pruned_at = clock_timestamp()
         where e.tenant_id = p_tenant
           and e.idx = any (p_indexes)
           and e.body is not null
           and e.recorded_at < least(p_recorded_before, now() - interval '1 year')
        returning e.idx;
    perform set_config('bulwark.audit_prune', 'off', true);
    return;
end
$$;

revoke all on function audit_prune_entries(uuid, bigint[], timestamptz) from public;
grant execute on function audit_prune_entries(uuid, bigint[], timestamptz) to ${app_role};

-- Rotatable checkpoint keys: several generations per tenant and key name; the newest signs, every
-- generation stays published so that old checkpoints keep verifying.
alter table audit_log_keys add column generation integer not null default 1 check (generation >= 1);
alter table audit_log_keys drop constraint audit_log_keys_pkey;
alter table audit_log_keys add primary key (tenant_id, name, generation);
