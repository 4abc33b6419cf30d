-- The tenant registry. It is the platform's own table, not tenant-owned: the runtime role may read
-- and change it, but no tenant's data lives here.
create table tenants (
    id           uuid primary key,
    slug         text        not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    display_name text        not null,
    region       text        not null,
    status       text        not null check (status in ('active', 'suspended')),
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now()
);

grant select, insert, update on tenants to ${app_role};

insert into tenants (id, slug, display_name, region, status)
values (gen_random_uuid(), 'system', 'Bulwark platform', '${system_region}', 'active');

-- The tenant bound to the current connection (see TenantBindingDataSource), or null when none is.
-- Every row-level-security policy compares tenant_id with it, so an unbound connection sees no
-- tenant-owned row.
create function bulwark_current_tenant() returns uuid
    language sql stable
as $$ select nullif(current_setting('bulwark.tenant_id', true), '')::uuid $$;

grant execute on function bulwark_current_tenant() to ${app_role};
