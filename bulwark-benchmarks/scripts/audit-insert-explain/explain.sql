\set ON_ERROR_STOP 0
select tenant_id as t from audit_entries group by 1 order by count(*) desc limit 1 \gset
create temp table src as select * from audit_entries where tenant_id = :'t' order by idx limit 10000;
select max(idx) + 1000000 as base from audit_entries \gset
create temp table arr as select array_agg(gen_random_uuid()::text) ids, array_agg(occurred_at::text) occ,
  array_agg(recorded_at::text) rec, array_agg(category) cat, array_agg(action) act, array_agg(outcome) outc,
  array_agg(actor_type) aty, array_agg(actor_id) aid, array_agg(resource_type) rty, array_agg(resource_id) rid,
  array_agg(correlation_id) cor, array_agg(break_glass) bg, array_agg(body) bod from src;
create temp table arrn as select array_agg(level) lv, array_agg(idx + 100000000) ix, array_agg(hash) h
  from (select * from audit_nodes where tenant_id = :'t' order by idx, level limit 20000) n;
\set ins 'insert into audit_entries (tenant_id, idx, event_id, occurred_at, recorded_at, category, action, outcome, actor_type, actor_id, resource_type, resource_id, correlation_id, break_glass, body) select :''t'', :base + e.ord - 1, e.event_id, e.occurred_at, e.recorded_at, e.category, e.action, e.outcome, e.actor_type, e.actor_id, e.resource_type, e.resource_id, e.correlation_id, e.break_glass, e.body from arr, unnest(arr.ids::uuid[], arr.occ::timestamptz[], arr.rec::timestamptz[], arr.cat, arr.act, arr.outc, arr.aty, arr.aid, arr.rty, arr.rid, arr.cor, arr.bg, arr.bod) with ordinality as e(event_id, occurred_at, recorded_at, category, action, outcome, actor_type, actor_id, resource_type, resource_id, correlation_id, break_glass, body, ord)'
\set secondary 'drop index audit_entries_category, audit_entries_action, audit_entries_actor, audit_entries_resource, audit_entries_correlation, audit_entries_break_glass, audit_entries_occurred_brin, audit_entries_outcome_rare'
\o /dev/null
begin; :ins; rollback;
\o
\echo === entries, every index
begin; explain (analyze, wal, costs off, summary on) :ins; rollback;
\echo === entries, no secondary index
begin; :secondary; explain (analyze, wal, costs off, summary on) :ins; rollback;
\echo === entries, no secondary index, no unique event id
begin; :secondary; alter table audit_entries drop constraint audit_entries_tenant_id_event_id_key; explain (analyze, wal, costs off, summary on) :ins; rollback;
\echo === 20,000 audit_nodes rows (the layout before V21)
begin; explain (analyze, wal, costs off, summary on) insert into audit_nodes (tenant_id, level, idx, hash) select :'t', n.level, n.idx, n.hash from arrn, unnest(arrn.lv, arrn.ix, arrn.h) as n(level, idx, hash); rollback;
