-- The secrets vault (KV v2 semantics): one row per secret path with its metadata, one row per
-- version with the value encrypted under the tenant's data key (associated data binds tenant,
-- path and version). A destroyed version keeps its row, without ciphertext.
create table secrets (
    tenant_id       uuid        not null default bulwark_current_tenant() references tenants (id),
    path            text        not null,
    current_version integer     not null default 0,
    max_versions    integer     not null default 10 check (max_versions between 1 and 100),
    cas_required    boolean     not null default false,
    owner           text,
    description     text,
    classification  text,
    rotation_period text,
    expires_at      timestamptz,
    tags            jsonb       not null default '{}'::jsonb,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    primary key (tenant_id, path)
);

create table secret_versions (
    tenant_id    uuid        not null default bulwark_current_tenant() references tenants (id),
    path         text        not null,
    version      integer     not null check (version > 0),
    ciphertext   bytea,
    created_at   timestamptz not null default now(),
    deleted_at   timestamptz,
    destroyed_at timestamptz,
    primary key (tenant_id, path, version),
    foreign key (tenant_id, path) references secrets (tenant_id, path) on delete cascade,
    check ((destroyed_at is null) = (ciphertext is not null))
);

alter table secrets enable row level security;
alter table secrets force row level security;
create policy tenant_isolation on secrets
    using (tenant_id = bulwark_current_tenant())
    with check (tenant_id = bulwark_current_tenant());
grant select, insert, update, delete on secrets to ${app_role};

alter table secret_versions enable row level security;
alter table secret_versions force row level security;
create policy tenant_isolation on secret_versions
    using (tenant_id = bulwark_current_tenant())
    with check (tenant_id = bulwark_current_tenant());
grant select, insert, update, delete on secret_versions to ${app_role};
