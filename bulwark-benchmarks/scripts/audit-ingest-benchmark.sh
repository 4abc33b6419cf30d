#!/usr/bin/env bash
# Audit ingestion over HTTP against bulwark-server.jar with its embedded PostgreSQL (durable:
# fsync and synchronous_commit on), in a fresh data directory. Runs the batched closed loop, then
# the single-event open loop, with AuditIngestLoad; everything on loopback.
# Usage: bulwark-benchmarks/scripts/audit-ingest-benchmark.sh [workers=4] [rates="2000"] [seconds=30]
# (rates: one or more single-event rates, run in the order given, e.g. "200 2000"; "" for none)
# Env: SKIP_BUILD=1 to reuse the built jars; BULWARK_JAVA_OPTS for extra JVM options of the server (JFR);
# SERVER_JAR to measure another build of the server; PORT (8191); BATCHED=0 to run the
# single-event rates only; PG_SETTINGS="name=value …" reloadable PostgreSQL settings to try.
set -euo pipefail
cd "$(dirname "$0")/../.."
WORKERS=${1:-4}
RATES=${2-2000}
SECONDS_MEASURED=${3:-30}
PORT=${PORT:-8191}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
WORK=bulwark-benchmarks/target/audit-ingest-benchmark
ADMIN_SECRET=bench-admin-secret-0123456789abcdefghij
BASE=http://127.0.0.1:$PORT
mkdir -p "$WORK"

# shellcheck source=lib.sh
. bulwark-benchmarks/scripts/lib.sh
build_unless_skipped

rm -rf "$WORK/bulwark-data"
# shellcheck disable=SC2086
BULWARK_HTTP_PORT=$PORT BULWARK_DATA_DIR="$WORK/bulwark-data" BULWARK_DEV_MODE=true \
  BULWARK_BOOTSTRAP_CLIENT_ID=bench-admin BULWARK_BOOTSTRAP_CLIENT_SECRET=$ADMIN_SECRET \
  "$JAVA_HOME/bin/java" @bulwark-server/jvm.options ${BULWARK_JAVA_OPTS:-} -jar "${SERVER_JAR:-bulwark-server/target/bulwark-server.jar}" > "$WORK/bulwark.log" 2>&1 &
BW_PID=$!
wait_for "$BASE/actuator/health/readiness"

# Durability of the database the figures are taken on: the postmaster's options (a later -c fsync=on
# overrides an earlier -F).
PM=$(head -1 "$WORK/bulwark-data/postgres/postmaster.pid")
echo "postgres options: $(tr '\0' ' ' < /proc/$PM/cmdline | grep -oE -- '(-F|-c (fsync|synchronous_commit)=[a-z]+)' | tr '\n' ' ')"
PSQL=(psql -h 127.0.0.1 -p "$(sed -n 4p "$WORK/bulwark-data/postgres/postmaster.pid")" -U postgres -d postgres -X -q -t -A)
# PG_SETTINGS="name=value …": reloadable PostgreSQL settings to try (ALTER SYSTEM, then a reload).
for SETTING in ${PG_SETTINGS:-}; do
  "${PSQL[@]}" -c "alter system set ${SETTING%%=*} = '${SETTING#*=}'" >/dev/null
done
if [ -n "${PG_SETTINGS:-}" ]; then "${PSQL[@]}" -c "select pg_reload_conf()" >/dev/null; echo "postgres settings: $PG_SETTINGS"; fi
# WAL written so far: records, full-page images, bytes.
wal() { "${PSQL[@]}" -F ' ' -c "select wal_records, wal_fpi, wal_bytes from pg_stat_wal"; }

# CPU seconds used so far by the server JVM and by PostgreSQL (postmaster, backends, exited children).
ticks() { awk '{print $14+$15+$16+$17}' "/proc/$1/stat" 2>/dev/null || echo 0; }
cpu() {
  local pg; pg=$(ticks "$PM")
  for c in $(pgrep -P "$PM"); do pg=$((pg + $(ticks "$c"))); done
  echo "$(ticks "$BW_PID") $pg"
}
report_cpu() { # before after label
  read -r s0 p0 <<<"$1"; read -r s1 p1 <<<"$2"
  printf '%s cpu_s server=%d.%02d postgres=%d.%02d (warm-up included)\n' "$3" \
    $(( (s1 - s0) / 100 )) $(( (s1 - s0) % 100 )) $(( (p1 - p0) / 100 )) $(( (p1 - p0) % 100 ))
}

ADMIN=$(curl -sf -u "bench-admin:$ADMIN_SECRET" -d grant_type=client_credentials "$BASE/t/system/oauth2/token" | json_field access_token)
curl -sf -o /dev/null -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d '{"slug":"bench","display_name":"Benchmark","region":"local"}' "$BASE/api/v1/tenants"
SECRET=$(curl -sf -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d '{"client_id":"audit-producer","name":"Audit producer","grant_types":["client_credentials"]}' \
  "$BASE/api/v1/tenants/bench/clients" | json_field client_secret)
curl -sf -o /dev/null -X PUT -H "Authorization: Bearer $ADMIN" "$BASE/api/v1/tenants/bench/clients/audit-producer/roles/audit-writer"

DRIVER=("$JAVA_HOME/bin/java" -Xmx1g -cp bulwark-benchmarks/target/bulwark-benchmarks.jar io.bulwark.benchmarks.audit.AuditIngestLoad)
# The tenant's token-signing key is made on its first token: make it before any CPU is counted.
curl -sf -o /dev/null -u "audit-producer:$SECRET" -d grant_type=client_credentials "$BASE/t/bench/oauth2/token"
if [ "${BATCHED:-1}" != "0" ]; then
  echo "load before batched: $(cut -d' ' -f1-3 /proc/loadavg)"
  C0=$(cpu)
  "${DRIVER[@]}" batched "$BASE" bench audit-producer "$SECRET" "$WORKERS" 10 0 1000 > "$WORK/warmup.txt"
  # The measured run alone, JIT warm: a closed loop, so every event it reports was committed between
  # CW and C1 and nothing else was.
  CW=$(cpu); W0=$(wal)
  BATCHED_RESULT=$("${DRIVER[@]}" batched "$BASE" bench audit-producer "$SECRET" "$WORKERS" "$SECONDS_MEASURED" 0 1000)
  C1=$(cpu); W1=$(wal); echo "$BATCHED_RESULT"; report_cpu "$C0" "$C1" batched
  read -r sw pw <<<"$CW"; read -r s1 p1 <<<"$C1"
  EVENTS=$(grep -oE ' events=[0-9]+' <<<"$BATCHED_RESULT" | cut -d= -f2)
  echo "batched measured cpu_us_per_event server=$(( (s1 - sw) * 10000 / EVENTS )) postgres=$(( (p1 - pw) * 10000 / EVENTS )) (events=$EVENTS, warm-up excluded)"
  read -r r0 f0 b0 <<<"$W0"; read -r r1 f1 b1 <<<"$W1"
  echo "batched wal_per_event records=$(( (r1 - r0) / EVENTS )) full_page_images_per_1000=$(( (f1 - f0) * 1000 / EVENTS )) bytes=$(( (b1 - b0) / EVENTS ))"
else
  C1=$(cpu)
fi
for RATE in $RATES; do
  echo "load before single $RATE/s: $(cut -d' ' -f1-3 /proc/loadavg)"
  "${DRIVER[@]}" single "$BASE" bench audit-producer "$SECRET" "$RATE" "$SECONDS_MEASURED" 10
  C2=$(cpu); report_cpu "$C1" "$C2" "single $RATE/s"; C1=$C2
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

VERIFY_ADMIN=$(curl -sf -u "bench-admin:$ADMIN_SECRET" -d grant_type=client_credentials "$BASE/t/system/oauth2/token" | json_field access_token)
echo "verify: $(curl -sf -X POST -H "Authorization: Bearer $VERIFY_ADMIN" -H 'Content-Type: application/json' -d '{}' "$BASE/api/v1/tenants/bench/audit/verify")"
stop_server
