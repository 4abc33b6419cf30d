-- The config platform: typed settings and feature flags per tenant. config_entries holds each key's
-- current document (null once deleted: the row stays so version numbers continue and history
-- remains reachable); config_versions keeps every version with its RFC 6902 patch from the
-- previous one; config_revisions counts changes per tenant and kind (the collections' ETags).
create table config_entries (
    tenant_id  uuid        not null default bulwark_current_tenant() references tenants (id),
    kind       text        not null check (kind in ('setting', 'flag')),
    key        text        collate "C" not null,
    version    integer     not null check (version >= 0),
    document   jsonb,
    updated_at timestamptz not null default now(),
    primary key (tenant_id, kind, key)
);

create table config_versions (
    tenant_id  uuid        not null default bulwark_current_tenant() references tenants (id),
    kind       text        not null,
    key        text        collate "C" not null,
    version    integer     not null check (version > 0),
    change     text        not null check (change in ('created', 'updated', 'deleted')),
    document   jsonb,
    patch      jsonb,
    actor_type text        not null,
    actor_id   text,
    changed_at timestamptz not null default now(),
    primary key (tenant_id, kind, key, version),
    foreign key (tenant_id, kind, key) references config_entries (tenant_id, kind, key)
        on delete cascade,
    check ((change = 'deleted') = (document is null))
);

create table config_revisions (
    tenant_id uuid   not null default bulwark_current_tenant() references tenants (id),
    kind      text   not null check (kind in ('setting', 'flag')),
    revision  bigint not null check (revision > 0),
    primary key (tenant_id, kind)
);

alter table config_entries enable row level security;
alter table config_entries force row level security;
create policy tenant_isolation on config_entries
    using (tenant_id = bulwark_current_tenant())
    with check (tenant_id = bulwark_current_tenant());
grant select, insert, update, delete on config_entries to ${app_role};

alter table config_versions enable row level security;
alter table config_versions force row level security;
create policy tenant_isolation on config_versions
    using (tenant_id = bulwark_current_tenant())
    with check (tenant_id = bulwark_current_tenant());
grant select, insert, update, delete on config_versions to ${app_role};

alter table config_revisions enable row level security;
alter table config_revisions force row level security;
create policy tenant_isolation on config_revisions
    using (tenant_id = bulwark_current_tenant())
    with check (tenant_id = bulwark_current_tenant());
grant select, insert, update, delete on config_revisions to ${app_role};
