-- Rewraps of a tenant's secret versions after a data-key rotation: one row per rotation, with
-- its progress and the position it reached, so a restarted or other node resumes where it stopped.
create table secret_rewraps (
    tenant_id      uuid        not null default bulwark_current_tenant() references tenants (id),
    id             uuid        not null,
    target_key_id  bigint      not null,
    state          text        not null check (state in ('running', 'completed', 'superseded')),
    total          bigint      not null,
    scanned        bigint      not null default 0,
    rewrapped      bigint      not null default 0,
    failed         bigint      not null default 0,
    cursor_path    text,
    cursor_version integer,
    started_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    completed_at   timestamptz,
    primary key (tenant_id, id)
);
create unique index secret_rewraps_one_running on secret_rewraps (tenant_id)
    where state = 'running';

alter table secret_rewraps enable row level security;
alter table secret_rewraps force row level security;
create policy tenant_isolation on secret_rewraps
    using (tenant_id = bulwark_current_tenant())
    with check (tenant_id = bulwark_current_tenant());
grant select, insert, update on secret_rewraps to ${app_role};

-- The tenants with a running rewrap: ids only, so the background job finds its work without
-- binding every tenant in turn. Not tenant-owned, hence no row-level security.
create table secret_rewrap_queue (
    tenant_id uuid        primary key references tenants (id),
    queued_at timestamptz not null default now()
);
grant select, insert, update, delete on secret_rewrap_queue to ${app_role};

-- Role assignments narrowed to the resources under a path prefix ('' = the whole tenant); a
-- principal may hold a role on several prefixes.
alter table role_assignments add column resource_prefix text not null default '';
alter table role_assignments drop constraint role_assignments_pkey;
alter table role_assignments
    add primary key (tenant_id, principal_type, principal_id, role, resource_prefix);

-- A tenant's rotation webhook: where to POST when a secret's rotation is due, and the HMAC signing
-- secret, encrypted under the tenant's data key.
create table secret_rotation_webhooks (
    tenant_id      uuid        primary key default bulwark_current_tenant() references tenants (id),
    url            text        not null,
    signing_secret bytea       not null,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now()
);

alter table secret_rotation_webhooks enable row level security;
alter table secret_rotation_webhooks force row level security;
create policy tenant_isolation on secret_rotation_webhooks
    using (tenant_id = bulwark_current_tenant())
    with check (tenant_id = bulwark_current_tenant());
grant select, insert, update, delete on secret_rotation_webhooks to ${app_role};

-- The current version a rotation-due notification was delivered for (each is sent once).
alter table secrets add column rotation_notified_version integer;
