-- People's accounts per tenant. password_hash is an Argon2id PHC string; usernames and e-mail
-- addresses are unique within a tenant, case-insensitively, among accounts not purged.
create table users (
    tenant_id     uuid        not null default bulwark_current_tenant() references tenants (id),
    id            uuid        not null,
    username      text        not null,
    email         text,
    display_name  text,
    password_hash text,
    status        text        not null check (status in ('active', 'disabled', 'locked', 'deleted')),
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    deleted_at    timestamptz,
    primary key (tenant_id, id)
);
create unique index users_username on users (tenant_id, lower(username));
create unique index users_email on users (tenant_id, lower(email)) where email is not null;
create index users_deleted on users (tenant_id, deleted_at) where status = 'deleted';

alter table users enable row level security;
alter table users force row level security;
create policy tenant_isolation on users
    using (tenant_id = bulwark_current_tenant())
    with check (tenant_id = bulwark_current_tenant());
grant select, insert, update, delete on users to ${app_role};
