-- Access tokens revoked before they expire: by their client (RFC 7009), with a revoked session,
-- on refresh-token reuse, or because their issuance could not be audited. Access tokens are JWTs
-- validated without a database read, so this list is what makes a revocation stop them: the API
-- rejects a token whose jti is here, introspection answers inactive. A row serves no purpose once
-- its token has expired; ScheduledRevocationPurge deletes it then.
create table revoked_access_tokens (
    tenant_id  uuid        not null default bulwark_current_tenant() references tenants (id),
    jti        text        not null,
    expires_at timestamptz not null,
    revoked_at timestamptz not null default clock_timestamp(),
    primary key (tenant_id, jti)
);
create index revoked_access_tokens_revoked_at on revoked_access_tokens (revoked_at);

alter table revoked_access_tokens enable row level security;
alter table revoked_access_tokens force row level security;
create policy tenant_isolation on revoked_access_tokens
    using (tenant_id = bulwark_current_tenant()) with check (tenant_id = bulwark_current_tenant());
grant select, insert, delete on revoked_access_tokens to ${app_role};

-- Every node keeps the whole list in memory and refreshes it every few seconds with one query
-- across tenants: this function, which runs as the schema owner (security definer) and, through
-- the owner-only policy below, sees every tenant's rows. It returns only what the list needs (the
-- tenant, the jti, the expiry and when it was revoked), for tokens not yet expired that were
-- revoked at or after p_since. The runtime role itself still sees only its bound tenant's rows.
do $$
begin
    execute format('create policy revocation_feed on revoked_access_tokens for select to %I'
                   ' using (true)', current_user);
end
$$;

create function revoked_access_tokens_since(p_since timestamptz)
    returns table (tenant_id uuid, jti text, expires_at timestamptz, revoked_at timestamptz)
    language sql
    stable
    security definer
    set search_path = ${flyway:defaultSchema}, pg_temp
as $$
    select r.tenant_id, r.jti, r.expires_at, r.revoked_at
      from revoked_access_tokens r
     where r.revoked_at >= p_since and r.expires_at > now() - interval '1 minute'
$$;

revoke all on function revoked_access_tokens_since(timestamptz) from public;
grant execute on function revoked_access_tokens_since(timestamptz) to ${app_role};

-- The access token issued together with each refresh token of a family, so that revoking the
-- family (a revoked session, a reused or revoked refresh token) revokes every access token it
-- produced, not only the latest. Rows written before this migration have none.
alter table oauth2_refresh_token_family
    add column access_token_jti        text,
    add column access_token_expires_at timestamptz;
