-- A tenant's ID-token lifetime joins its other token lifetimes. Rows that set lifetimes before
-- this column existed get Spring's former fixed 30 minutes, so nothing changes for them.
alter table tenant_identity_settings
    add column id_token_ttl_seconds integer check (id_token_ttl_seconds between 60 and 3600);

update tenant_identity_settings set id_token_ttl_seconds = 1800
    where access_token_ttl_seconds is not null;

alter table tenant_identity_settings
    add check ((access_token_ttl_seconds is null) = (id_token_ttl_seconds is null));
