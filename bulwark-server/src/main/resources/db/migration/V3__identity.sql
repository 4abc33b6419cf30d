-- Token-signing keys per tenant. private_jwk is the JWK encrypted under the tenant's data key.
create table signing_keys (
    tenant_id    uuid        not null default bulwark_current_tenant() references tenants (id),
    kid          text        not null,
    algorithm    text        not null check (algorithm in ('RS256', 'ES256')),
    state        text        not null check (state in ('next', 'current', 'previous', 'retired')),
    public_jwk   text        not null,
    private_jwk  bytea       not null,
    created_at   timestamptz not null default now(),
    activated_at timestamptz,
    retired_at   timestamptz,
    primary key (tenant_id, kid)
);
create unique index signing_keys_one_next on signing_keys (tenant_id) where state = 'next';
create unique index signing_keys_one_current on signing_keys (tenant_id) where state = 'current';
create unique index signing_keys_one_previous on signing_keys (tenant_id) where state = 'previous';

-- Spring Security's registered-client and authorization tables (PostgreSQL form), made
-- tenant-owned: the tenant column fills itself from the connection's binding and row-level
-- security admits only that tenant's rows, so one issuer never sees another's clients or tokens.
create table oauth2_registered_client (
    tenant_id                     uuid          not null default bulwark_current_tenant() references tenants (id),
    id                            varchar(100)  not null primary key,
    client_id                     varchar(100)  not null,
    client_id_issued_at           timestamptz   not null default current_timestamp,
    client_secret                 varchar(200),
    client_secret_expires_at      timestamptz,
    client_name                   varchar(200)  not null,
    client_authentication_methods varchar(1000) not null,
    authorization_grant_types     varchar(1000) not null,
    redirect_uris                 varchar(1000),
    post_logout_redirect_uris     varchar(1000),
    scopes                        varchar(1000) not null,
    client_settings               varchar(2000) not null,
    token_settings                varchar(2000) not null,
    unique (tenant_id, client_id)
);

create table oauth2_authorization (
    tenant_id                     uuid         not null default bulwark_current_tenant() references tenants (id),
    id                            varchar(100) not null primary key,
    registered_client_id          varchar(100) not null,
    principal_name                varchar(200) not null,
    authorization_grant_type      varchar(100) not null,
    authorized_scopes             varchar(1000),
    attributes                    text,
    state                         varchar(500),
    authorization_code_value      text,
    authorization_code_issued_at  timestamptz,
    authorization_code_expires_at timestamptz,
    authorization_code_metadata   text,
    access_token_value            text,
    access_token_issued_at        timestamptz,
    access_token_expires_at       timestamptz,
    access_token_metadata         text,
    access_token_type             varchar(100),
    access_token_scopes           varchar(1000),
    oidc_id_token_value           text,
    oidc_id_token_issued_at       timestamptz,
    oidc_id_token_expires_at      timestamptz,
    oidc_id_token_metadata        text,
    refresh_token_value           text,
    refresh_token_issued_at       timestamptz,
    refresh_token_expires_at      timestamptz,
    refresh_token_metadata        text,
    user_code_value               text,
    user_code_issued_at           timestamptz,
    user_code_expires_at          timestamptz,
    user_code_metadata            text,
    device_code_value             text,
    device_code_issued_at         timestamptz,
    device_code_expires_at        timestamptz,
    device_code_metadata          text
);
create index oauth2_authorization_expiry on oauth2_authorization (tenant_id, access_token_expires_at);

-- Roles granted to users and clients within a tenant, optionally until a moment.
create table role_assignments (
    tenant_id      uuid        not null default bulwark_current_tenant() references tenants (id),
    principal_type text        not null check (principal_type in ('user', 'client')),
    principal_id   text        not null,
    role           text        not null,
    expires_at     timestamptz,
    granted_at     timestamptz not null default now(),
    primary key (tenant_id, principal_type, principal_id, role)
);

do $$
declare
    t text;
begin
    foreach t in array array['signing_keys', 'oauth2_registered_client', 'oauth2_authorization',
                             'role_assignments']
    loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format('create policy tenant_isolation on %I using (tenant_id = bulwark_current_tenant())'
                       ' with check (tenant_id = bulwark_current_tenant())', t);
        execute format('grant select, insert, update, delete on %I to ${app_role}', t);
    end loop;
end
$$;
