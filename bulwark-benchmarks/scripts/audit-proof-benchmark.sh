#!/usr/bin/env bash
# The audit ledger's read side over HTTP against bulwark-server.jar with its embedded PostgreSQL:
# a tenant's log filled with ENTRIES events through the server's own ingestion (POST audit/events,
# so the rows and tiles are exactly what the server writes), then inclusion and consistency proofs
# (closed loop, keep-alive, random indexes against the current size) and one POST audit/verify of
# the whole log, with AuditProofLoad; everything on loopback. CPU per operation is taken from
# /proc of the server JVM and of PostgreSQL; statements per proof from pg_stat_user_tables and a
# short log_min_duration_statement=0 sample.
# Usage: bulwark-benchmarks/scripts/audit-proof-benchmark.sh [workers=4] [seconds=30] [entries=10000000]
# Env: SKIP_BUILD=1 to reuse the built jars; SERVER_JAR to measure another build of the server;
# BULWARK_JAVA_OPTS for extra JVM options of the server (JFR); PORT (8260); FRESH=1 to drop the filled
# data directory (kept between runs: filling 10 M entries takes a quarter of an hour); VERIFY=0 to
# skip the full verification, VERIFY_RUNS to verify the whole log that many times (1) and print the
# median; WARMUP seconds of proofs (another driver JVM) before each measured loop
# (10), and DRIVER_WARMUP seconds the measured driver runs unmeasured first, for its own JIT (10).
set -euo pipefail
cd "$(dirname "$0")/../.."
WORKERS=${1:-4}
SECONDS_MEASURED=${2:-30}
ENTRIES=${3:-10000000}
PORT=${PORT:-8260}
DRIVER_WARMUP=${DRIVER_WARMUP:-10}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
WORK=bulwark-benchmarks/target/audit-proof-benchmark
DATA=$WORK/bulwark-data
ADMIN_SECRET=bench-admin-secret-0123456789abcdefghij
BASE=http://127.0.0.1:$PORT
mkdir -p "$WORK"

# shellcheck source=lib.sh
. bulwark-benchmarks/scripts/lib.sh
build_unless_skipped

if [ -n "${FRESH:-}" ]; then rm -rf "$DATA"; fi
# shellcheck disable=SC2086
BULWARK_HTTP_PORT=$PORT BULWARK_DATA_DIR="$DATA" BULWARK_DEV_MODE=true \
  BULWARK_BOOTSTRAP_CLIENT_ID=bench-admin BULWARK_BOOTSTRAP_CLIENT_SECRET=$ADMIN_SECRET \
  "$JAVA_HOME/bin/java" @bulwark-server/jvm.options ${BULWARK_JAVA_OPTS:-} -jar "${SERVER_JAR:-bulwark-server/target/bulwark-server.jar}" >> "$WORK/bulwark.log" 2>&1 &
BW_PID=$!
wait_for "$BASE/actuator/health/readiness"

PM=$(head -1 "$DATA/postgres/postmaster.pid")
PG_PORT=$(sed -n 4p "$DATA/postgres/postmaster.pid")
PSQL=(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -X -q -t -A)

# CPU ticks (1/100 s) used so far by the server JVM and by PostgreSQL (postmaster, backends, exited children).
ticks() { awk '{print $14+$15+$16+$17}' "/proc/$1/stat" 2>/dev/null || echo 0; }
cpu() {
  local pg; pg=$(ticks "$PM")
  for c in $(pgrep -P "$PM"); do pg=$((pg + $(ticks "$c"))); done
  echo "$(ticks "$BW_PID") $pg"
}
# before after operations label
per_op() {
  read -r s0 p0 <<<"$1"; read -r s1 p1 <<<"$2"
  echo "$4 cpu_s server=$(( (s1 - s0) / 100 )).$(printf %02d $(( (s1 - s0) % 100 ))) postgres=$(( (p1 - p0) / 100 )).$(printf %02d $(( (p1 - p0) % 100 )))" \
    "cpu_us_per_op server=$(( (s1 - s0) * 10000 / $3 )) postgres=$(( (p1 - p0) * 10000 / $3 ))" \
    "cpu_ns_per_op server=$(( (s1 - s0) * 10000000 / $3 )) postgres=$(( (p1 - p0) * 10000000 / $3 ))"
}
# Index scans and buffer reads of the ledger's tables so far (one line).
table_stats() {
  "${PSQL[@]}" -F ' ' -c "select string_agg(format('%s:scans=%s,blks_hit=%s,blks_read=%s', s.relname,
      coalesce(s.idx_scan,0) + coalesce(s.seq_scan,0), coalesce(io.heap_blks_hit,0) + coalesce(io.idx_blks_hit,0),
      coalesce(io.heap_blks_read,0) + coalesce(io.idx_blks_read,0)), ' ' order by s.relname)
    from pg_stat_user_tables s join pg_statio_user_tables io using (relid)
    where s.relname in ('audit_entries','audit_node_tiles','audit_nodes','audit_heads','audit_checkpoints')"
}

admin_token() { curl -sf -u "bench-admin:$ADMIN_SECRET" -d grant_type=client_credentials "$BASE/t/system/oauth2/token" | json_field access_token; }
ADMIN=$(admin_token)
if ! curl -sf -o /dev/null -H "Authorization: Bearer $ADMIN" "$BASE/api/v1/tenants/bench"; then
  curl -sf -o /dev/null -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
    -d '{"slug":"bench","display_name":"Benchmark","region":"local"}' "$BASE/api/v1/tenants"
  # On a loaded machine the new tenant's first client can be refused for a moment: try again.
  for _ in $(seq 1 30); do
    RESPONSE=$(curl -s -w '\n%{http_code}' -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
      -d '{"client_id":"audit-producer","name":"Audit producer","grant_types":["client_credentials"]}' \
      "$BASE/api/v1/tenants/bench/clients")
    [ "$(tail -1 <<<"$RESPONSE")" = 201 ] && break
    echo "client creation answered $(tail -1 <<<"$RESPONSE"): $(head -c 300 <<<"$RESPONSE")" >&2; sleep 2
  done
  SECRET=$(head -n -1 <<<"$RESPONSE" | json_field client_secret)
  curl -sf -o /dev/null -X PUT -H "Authorization: Bearer $ADMIN" "$BASE/api/v1/tenants/bench/clients/audit-producer/roles/audit-writer"
  echo "load before fill: $(cut -d' ' -f1-3 /proc/loadavg)"
  C0=$(cpu)
  "$JAVA_HOME/bin/java" -Xmx1g -cp bulwark-benchmarks/target/bulwark-benchmarks.jar io.bulwark.benchmarks.audit.AuditProofLoad \
    fill "$BASE" bench bench audit-producer "$SECRET" "$ENTRIES" 4 1000 | tee "$WORK/fill.txt"
  C1=$(cpu); per_op "$C0" "$C1" "$ENTRIES" fill
  # The measured server starts with the data on disk, as after any restart.
  stop_server
  exec env -u FRESH SKIP_BUILD=1 "$0" "$@"
fi

echo "server: ${SERVER_JAR:-bulwark-server/target/bulwark-server.jar}"
echo "disk: data directory $(du -sh "$DATA" | cut -f1); $("${PSQL[@]}" -F ' ' -c "select string_agg(format('%s=%s', c.relname,
    pg_size_pretty(pg_total_relation_size(c.oid))), ' ' order by c.relname) from pg_class c
    where c.relname in ('audit_entries','audit_node_tiles','audit_nodes')")"
echo "bench log: size=$(curl -sf -H "Authorization: Bearer $ADMIN" "$BASE/api/v1/tenants/bench/audit/checkpoint" | sed -n 2p)"

DRIVER=("$JAVA_HOME/bin/java" -Xmx512m -cp bulwark-benchmarks/target/bulwark-benchmarks.jar io.bulwark.benchmarks.audit.AuditProofLoad)
for MODE in inclusion consistency; do
  echo "load before $MODE: $(cut -d' ' -f1-3 /proc/loadavg)"
  "${DRIVER[@]}" "$MODE" "$BASE" bench system bench-admin "$ADMIN_SECRET" "$WORKERS" "${WARMUP:-10}" 0 > "$WORK/$MODE-warmup.txt"
  # The measured driver warms its own JIT first; readings start at its "measuring" line.
  "${DRIVER[@]}" "$MODE" "$BASE" bench system bench-admin "$ADMIN_SECRET" "$WORKERS" "$SECONDS_MEASURED" "$DRIVER_WARMUP" > "$WORK/$MODE.txt" &
  DRIVER_PID=$!
  until grep -q '^measuring' "$WORK/$MODE.txt" || ! kill -0 "$DRIVER_PID" 2>/dev/null; do sleep 0.05; done
  T0=$(table_stats); C0=$(cpu)
  wait "$DRIVER_PID"
  C1=$(cpu); T1=$(table_stats)
  RESULT=$(grep -v '^measuring' "$WORK/$MODE.txt")
  echo "$RESULT"
  PROOFS=$(grep -oE ' proofs=[0-9]+' <<<"$RESULT" | cut -d= -f2)
  per_op "$C0" "$C1" "$PROOFS" "$MODE"
  python3 - "$T0" "$T1" "$PROOFS" "$MODE" <<'EOF'
import sys, re
def parse(line):
    out = {}
    for part in line.split():
        name, rest = part.split(':', 1)
        out[name] = {k: int(v) for k, v in (kv.split('=') for kv in rest.split(','))}
    return out
a, b, n = parse(sys.argv[1]), parse(sys.argv[2]), int(sys.argv[3])
print(sys.argv[4], 'per proof:', ' '.join(
    f"{t}:scans={(b[t]['scans']-a[t]['scans'])/n:.2f},blks_hit={(b[t]['blks_hit']-a[t]['blks_hit'])/n:.1f},blks_read={(b[t]['blks_read']-a[t]['blks_read'])/n:.2f}"
    for t in sorted(b)))
EOF
done

# Statements per request, from PostgreSQL's own log: 20 proofs of each kind, one at a time.
SIZE=$(curl -sf -H "Authorization: Bearer $ADMIN" "$BASE/api/v1/tenants/bench/audit/checkpoint" | sed -n 2p)
LOG="$DATA/postgres.log"
"${PSQL[@]}" -c "alter system set log_min_duration_statement = 0" -c "select pg_reload_conf()" >/dev/null
sleep 1
for MODE in inclusion consistency; do
  START=$(wc -l < "$LOG")
  for i in $(seq 1 20); do
    if [ "$MODE" = inclusion ]; then Q="index=$(( (RANDOM * 32768 + RANDOM) % SIZE ))&size=$SIZE"; else Q="from=$(( (RANDOM * 32768 + RANDOM) % (SIZE - 1) + 1 ))&to=$SIZE"; fi
    curl -sf -o /dev/null -H "Authorization: Bearer $ADMIN" "$BASE/api/v1/tenants/bench/audit/proofs/$MODE?$Q"
  done
  sleep 1
  STATEMENTS=$(tail -n +"$((START + 1))" "$LOG" | grep -cE 'duration: .* (statement|execute)' || true)
  LEDGER=$(tail -n +"$((START + 1))" "$LOG" | grep -E 'duration: .* (statement|execute)' | grep -cE 'audit_(entries|node_tiles|nodes)' || true)
  echo "$MODE statements_per_proof=$(python3 -c "print($STATEMENTS/20)") of_them_on_entries_tiles_nodes=$(python3 -c "print($LEDGER/20)") (20 proofs, tree_size=$SIZE)"
  tail -n +"$((START + 1))" "$LOG" | grep -oE 'duration: .* (statement|execute)[^:]*: .{0,90}' | sed -E 's/duration: [0-9.]+ ms +//' | sort | uniq -c | sort -rn | head -12 > "$WORK/$MODE-statements.txt"
done
"${PSQL[@]}" -c "alter system reset log_min_duration_statement" -c "select pg_reload_conf()" >/dev/null

VERIFY_RUNS=${VERIFY_RUNS:-1}
if [ "${VERIFY:-1}" != "0" ]; then
  RATES=()
  for RUN in $(seq 1 "$VERIFY_RUNS"); do
    echo "load before verify $RUN: $(cut -d' ' -f1-3 /proc/loadavg)"
    T0=$(table_stats); C0=$(cpu)
    RESULT=$("${DRIVER[@]}" verify "$BASE" bench system bench-admin "$ADMIN_SECRET")
    C1=$(cpu); T1=$(table_stats)
    echo "$RESULT"
    LEAVES=$(grep -oE ' leaves=[0-9]+' <<<"$RESULT" | cut -d= -f2)
    RATES+=("$(grep -oE 'leaves_per_s=[0-9]+' <<<"$RESULT" | cut -d= -f2)")
    per_op "$C0" "$C1" "$LEAVES" "verify (per leaf)"
    echo "verify tables before: $T0"
    echo "verify tables after:  $T1"
  done
  echo "verify runs=$VERIFY_RUNS median_leaves_per_s=$(printf '%s\n' "${RATES[@]}" | sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}')"
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
stop_server
