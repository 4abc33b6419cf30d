-- How long a failure count lives without a new failure (before: fixed at one day). Rows that set
-- a lockout policy before this column existed keep the day.
alter table tenant_identity_settings
    add column lockout_reset_seconds integer check (lockout_reset_seconds between 900 and 604800);

update tenant_identity_settings set lockout_reset_seconds = 86400
    where lockout_account_failures is not null;

alter table tenant_identity_settings
    add check ((lockout_account_failures is null) = (lockout_reset_seconds is null)
               and (lockout_reset_seconds is null or lockout_reset_seconds >= lockout_max_seconds));
