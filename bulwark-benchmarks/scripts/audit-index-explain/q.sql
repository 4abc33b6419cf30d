\set t '\'00000000-0000-0000-0000-000000000001\''
\echo from/to
explain (costs off) select idx, body from audit_entries where tenant_id = :t and body is not null and occurred_at >= '2026-01-02 10:00Z' and occurred_at < '2026-01-02 10:05Z' order by idx desc limit 51;
\echo category
explain (costs off) select idx, body from audit_entries where tenant_id = :t and body is not null and category = 'privacy' order by idx desc limit 51;
\echo action
explain (costs off) select idx, body from audit_entries where tenant_id = :t and body is not null and action = 'action.a7' order by idx desc limit 51;
\echo actor_id
explain (costs off) select idx, body from audit_entries where tenant_id = :t and body is not null and actor_id = 'user-42' order by idx desc limit 51;
\echo resource_type
explain (costs off) select idx, body from audit_entries where tenant_id = :t and body is not null and resource_type = 'document' order by idx desc limit 51;
\echo resource_type+resource_id
explain (costs off) select idx, body from audit_entries where tenant_id = :t and body is not null and resource_type = 'document' and resource_id = 'doc-4711' order by idx desc limit 51;
\echo outcome=success
explain (costs off) select idx, body from audit_entries where tenant_id = :t and body is not null and outcome = 'success' order by idx desc limit 51;
\echo outcome=failure
explain (costs off) select idx, body from audit_entries where tenant_id = :t and body is not null and outcome = 'failure' order by idx desc limit 51;
\echo outcome=denied
explain (costs off) select idx, body from audit_entries where tenant_id = :t and body is not null and outcome = 'denied' order by idx desc limit 51;
\echo correlation_id
explain (costs off) select idx, body from audit_entries where tenant_id = :t and body is not null and correlation_id = 'corr-12345' order by idx desc limit 51;
\echo break_glass=true
explain (costs off) select idx, body from audit_entries where tenant_id = :t and body is not null and break_glass = true order by idx desc limit 51;
\echo break_glass=false
explain (costs off) select idx, body from audit_entries where tenant_id = :t and body is not null and break_glass = false order by idx desc limit 51;
\echo no filter
explain (costs off) select idx, body from audit_entries where tenant_id = :t and body is not null order by idx desc limit 51;
\echo generic plan outcome=$1
prepare p(text) as select idx, body from audit_entries where tenant_id = :t and body is not null and outcome = $1 order by idx desc limit 51;
set plan_cache_mode = force_generic_plan;
explain (costs off) execute p('failure');
