#!/usr/bin/env bash
# Where PostgreSQL's time goes in one group commit of 10,000 entries: EXPLAIN (ANALYZE, WAL) of the
# entry insert as the server sends it (one array per column, unnested), with all indexes, without
# the secondary ones, without the unique event id too, and (on a pre-V21 data directory) of the
# 20,000 audit_nodes rows the old layout inserted. Every statement is rolled back.
# Usage: run.sh <data directory of a stopped benchmark server>/postgres
#   e.g. bulwark-benchmarks/target/audit-ingest-benchmark/bulwark-data/postgres after
#   audit-ingest-benchmark.sh (run as root: the cluster is started as user nobody on a copy).
set -euo pipefail
SRC=${1:?data directory}
BIN=$(ls -d /tmp/embedded-pg/PG-*/bin | head -1)
WORK=$(mktemp -d)
cp -a "$SRC" "$WORK/pg"
mkdir -p "$WORK/sock"
chown -R nobody "$WORK"
chmod 700 "$WORK/pg"
rm -f "$WORK/pg/postmaster.pid"
runuser -u nobody -- "$BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg.log" -w \
  -o "-c listen_addresses= -k $WORK/sock -c fsync=on -c synchronous_commit=on -c shared_buffers=128MB" start >/dev/null
trap 'runuser -u nobody -- "$BIN/pg_ctl" -D "$WORK/pg" -m fast stop >/dev/null; rm -rf "$WORK"' EXIT
runuser -u nobody -- psql -X -h "$WORK/sock" -U postgres -d postgres -f "$(dirname "$0")/explain.sql" 2>&1 \
  | grep -E '^===|Insert on|WAL:|Trigger for|Execution Time'
