-- Data schemas: the classification tier of every field of a tenant's record types. fields is a
-- JSON array of {"path": "...", "tier": "customer_sensitive"}; version grows on every replacement.
create table data_schemas (
    tenant_id   uuid        not null default bulwark_current_tenant() references tenants (id),
    name        text        not null check (name ~ '^[a-z][a-z0-9_-]{0,62}$'),
    description text,
    version     integer     not null check (version >= 1),
    fields      jsonb       not null,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    primary key (tenant_id, name)
);

-- Each tenant's HMAC-SHA256 key for redaction pseudonyms: 32 random bytes, encrypted with the
-- tenant's data key (associated data binds it to the tenant and its purpose).
create table pseudonym_keys (
    tenant_id     uuid        primary key default bulwark_current_tenant() references tenants (id),
    encrypted_key bytea       not null,
    created_at    timestamptz not null default now()
);

do $$
declare
    t text;
begin
    foreach t in array array['data_schemas', 'pseudonym_keys']
    loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format('create policy tenant_isolation on %I using (tenant_id = bulwark_current_tenant())'
                       ' with check (tenant_id = bulwark_current_tenant())', t);
        execute format('grant select, insert, update, delete on %I to ${app_role}', t);
    end loop;
end
$$;
