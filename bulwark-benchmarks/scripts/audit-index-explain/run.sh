#!/usr/bin/env bash
# EXPLAIN of every GET /audit/events filter on 1.2 M rows with the V18 indexes (system PostgreSQL 15, scratch cluster, port 8217; run as root)
set -euo pipefail
D=/tmp/audit-perf-explain/data
rm -rf $D; mkdir -p $D; chown postgres $D /tmp/audit-perf-explain
B=/usr/lib/postgresql/15/bin
runuser -u postgres -- $B/initdb -D $D -A trust -U postgres >/dev/null
runuser -u postgres -- $B/pg_ctl -D $D -o "-p 8217 -k /tmp/audit-perf-explain -c listen_addresses=''" -l $D/log -w start >/dev/null
P="runuser -u postgres -- $B/psql -h /tmp/audit-perf-explain -p 8217 -U postgres -q -X"
$P -f $(dirname "$0")/setup.sql
$P -c "select count(*) rows, pg_size_pretty(pg_relation_size('audit_entries_occurred_brin')) brin from audit_entries"
$P -f $(dirname "$0")/q.sql
runuser -u postgres -- $B/pg_ctl -D $D -m fast stop >/dev/null
