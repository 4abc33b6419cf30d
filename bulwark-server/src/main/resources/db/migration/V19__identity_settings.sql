-- A tenant's identity settings: token lifetimes and the brute-force lockout policy. One row per
-- tenant; a group left null has never been set and means the built-in defaults (TokenLifetimes,
-- LockoutPolicy). The bounds are checked again here so a row can never switch lockout off.
create table tenant_identity_settings (
    tenant_id                     uuid        not null default bulwark_current_tenant()
                                              references tenants (id) primary key,
    access_token_ttl_seconds      integer     check (access_token_ttl_seconds between 60 and 3600),
    refresh_token_ttl_seconds     integer     check (refresh_token_ttl_seconds between 600 and 7776000),
    authorization_code_ttl_seconds integer    check (authorization_code_ttl_seconds between 60 and 600),
    lockout_account_failures      integer     check (lockout_account_failures between 3 and 20),
    lockout_address_failures      integer     check (lockout_address_failures between 5 and 1000),
    lockout_base_seconds          integer     check (lockout_base_seconds between 30 and 3600),
    lockout_max_seconds           integer     check (lockout_max_seconds between 60 and 86400
                                                     and lockout_max_seconds >= lockout_base_seconds),
    updated_at                    timestamptz not null default now(),
    check ((access_token_ttl_seconds is null) = (refresh_token_ttl_seconds is null)
           and (access_token_ttl_seconds is null) = (authorization_code_ttl_seconds is null)),
    check ((lockout_account_failures is null) = (lockout_address_failures is null)
           and (lockout_account_failures is null) = (lockout_base_seconds is null)
           and (lockout_account_failures is null) = (lockout_max_seconds is null))
);

alter table tenant_identity_settings enable row level security;
alter table tenant_identity_settings force row level security;
create policy tenant_isolation on tenant_identity_settings
    using (tenant_id = bulwark_current_tenant()) with check (tenant_id = bulwark_current_tenant());
grant select, insert, update, delete on tenant_identity_settings to ${app_role};
