-- Role assignments get an id, so the admin API can name one (DELETE role-assignments/{id}).
alter table role_assignments add column id uuid not null default gen_random_uuid();
create unique index role_assignments_id on role_assignments (tenant_id, id);
