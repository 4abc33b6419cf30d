-- Sign-in: TOTP factors, hashed recovery codes, the tenant's MFA policy, brute-force counters and
-- the refresh tokens an authorization has rotated through (to detect reuse).

-- A user's TOTP secret, encrypted under the tenant's data key (associated data: tenant and user).
-- last_step is the latest RFC 6238 time step accepted, so a code is never accepted twice.
create table user_totp (
    tenant_id    uuid        not null default bulwark_current_tenant() references tenants (id),
    user_id      uuid        not null,
    secret       bytea       not null,
    confirmed_at timestamptz,
    last_step    bigint      not null default 0,
    created_at   timestamptz not null default now(),
    primary key (tenant_id, user_id),
    foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);

-- Single-use recovery codes, stored as SHA-256 of a high-entropy code.
create table user_recovery_codes (
    tenant_id uuid        not null default bulwark_current_tenant() references tenants (id),
    user_id   uuid        not null,
    code_hash text        not null,
    used_at   timestamptz,
    primary key (tenant_id, user_id, code_hash),
    foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);

-- MFA policy: optional, required for everyone, or required for holders of the named roles.
create table mfa_policies (
    tenant_id  uuid        not null default bulwark_current_tenant() references tenants (id) primary key,
    mode       text        not null check (mode in ('optional', 'required', 'roles')),
    roles      text[]      not null default '{}',
    updated_at timestamptz not null default now()
);

-- Failed sign-ins per account ('account:' || lower(username)) and per source address ('ip:' || ip).
create table sign_in_throttles (
    tenant_id    uuid        not null default bulwark_current_tenant() references tenants (id),
    subject      text        not null,
    failures     integer     not null,
    locked_until timestamptz,
    updated_at   timestamptz not null default now(),
    primary key (tenant_id, subject)
);

-- Every refresh token an authorization has held (SHA-256 of the value): presenting one that was
-- already rotated out revokes the authorization, the whole token family.
create table oauth2_refresh_token_family (
    tenant_id        uuid         not null default bulwark_current_tenant() references tenants (id),
    token_hash       text         not null,
    authorization_id varchar(100) not null,
    issued_at        timestamptz  not null default now(),
    primary key (tenant_id, token_hash)
);
create index oauth2_refresh_token_family_authorization
    on oauth2_refresh_token_family (tenant_id, authorization_id);

do $$
declare
    t text;
begin
    foreach t in array array['user_totp', 'user_recovery_codes', 'mfa_policies', 'sign_in_throttles',
                             'oauth2_refresh_token_family']
    loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format('create policy tenant_isolation on %I using (tenant_id = bulwark_current_tenant())'
                       ' with check (tenant_id = bulwark_current_tenant())', t);
        execute format('grant select, insert, update, delete on %I to ${app_role}', t);
    end loop;
end
$$;
