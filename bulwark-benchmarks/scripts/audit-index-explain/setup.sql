create table audit_entries (
    tenant_id uuid not null, idx bigint not null, event_id uuid not null,
    occurred_at timestamptz not null, recorded_at timestamptz not null,
    category text not null, action text not null, outcome text not null, actor_type text not null,
    actor_id text, resource_type text, resource_id text, correlation_id text,
    break_glass boolean not null, body bytea, primary key (tenant_id, idx), unique (tenant_id, event_id));
create index audit_entries_category on audit_entries (tenant_id, category, idx);
create index audit_entries_action on audit_entries (tenant_id, action, idx);
create index audit_entries_actor on audit_entries (tenant_id, actor_id, idx) where actor_id is not null;
create index audit_entries_resource on audit_entries (tenant_id, resource_type, resource_id, idx) where resource_type is not null;
create index audit_entries_correlation on audit_entries (tenant_id, correlation_id, idx) where correlation_id is not null;
create index audit_entries_break_glass on audit_entries (tenant_id, idx) where break_glass;
create index audit_entries_occurred_brin on audit_entries using brin (occurred_at) with (pages_per_range = 32, autosummarize = on);
create index audit_entries_outcome_rare on audit_entries (tenant_id, outcome, idx) where outcome <> 'success';
-- two tenants, 1.2M rows; occurred_at follows idx with up to 5 s of jitter
insert into audit_entries
select case when g % 10 = 0 then '00000000-0000-0000-0000-000000000002'::uuid else '00000000-0000-0000-0000-000000000001'::uuid end,
       g, md5(g::text)::uuid,
       timestamptz '2026-01-01' + g * interval '10 ms' + (random() * 5) * interval '1 s',
       timestamptz '2026-01-01' + g * interval '10 ms',
       (array['authentication','authorization','data_access','configuration','administration','privacy','security','system'])[1 + g % 8],
       'action.a' || (g % 50), case when g % 50 = 0 then 'failure' when g % 97 = 0 then 'denied' else 'success' end,
       'user', 'user-' || (g % 5000), 'document', 'doc-' || (g % 100000), 'corr-' || g, g % 10007 = 0,
       convert_to(repeat('x', 600), 'UTF8')
from generate_series(0, 1199999) g;
vacuum analyze audit_entries;
