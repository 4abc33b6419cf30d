-- Each tenant's audit HMAC key (see docs/audit.md, "Sensitive fields"): 32 random bytes encrypted
-- under the tenant's data key (associated data: tenant and purpose). Sensitive values in audit
-- entries are stored as HMAC-SHA256 under it. Written once, never changed.
create table audit_hmac_keys (
    tenant_id     uuid        primary key default bulwark_current_tenant() references tenants (id),
    encrypted_key bytea       not null,
    created_at    timestamptz not null default now()
);

alter table audit_hmac_keys enable row level security;
alter table audit_hmac_keys force row level security;
create policy tenant_isolation on audit_hmac_keys
    using (tenant_id = bulwark_current_tenant())
    with check (tenant_id = bulwark_current_tenant());
grant select, insert on audit_hmac_keys to ${app_role};
