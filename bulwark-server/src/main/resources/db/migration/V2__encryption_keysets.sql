-- Each tenant's Tink data keyset, encrypted under the key-encryption key (AEAD, associated data =
-- tenant id).
create table tenant_keysets (
    tenant_id        uuid primary key default bulwark_current_tenant() references tenants (id),
    encrypted_keyset bytea       not null,
    kek_id           text        not null,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now()
);

alter table tenant_keysets enable row level security;
alter table tenant_keysets force row level security;
create policy tenant_isolation on tenant_keysets
    using (tenant_id = bulwark_current_tenant())
    with check (tenant_id = bulwark_current_tenant());

grant select, insert, update on tenant_keysets to ${app_role};
