#!/usr/bin/env bash
# Identity provider throughput: Bulwark beside Keycloak 26.7.3 in one run, on the same machine and
# the same PostgreSQL server (one database each), each measured in turn with the same closed-loop
# drivers over HTTP/1.1 keep-alive connections, the same worker count, loopback only:
#   1. client_credentials tokens/s (TokenLoad), Keycloak twice: as it comes (its event store
#      off) and in a second realm with its event store on for CLIENT_LOGIN, so that each of its
#      tokens, like each of Bulwark's, is recorded in the database;
#   2. resource-server token validation/s through RFC 7662 introspection (IntrospectionLoad): a
#      second client of each server, the "resource server", introspects a pool of valid tokens
#      issued just before (TokenPool) by the first one;
#   3. once at the end, a library figure: a resource server validating each server's tokens itself
#      from its JWK set with Nimbus JOSE+JWT in this machine's JVM (JwksValidation), servers idle.
# Prints, per round and server, rate and latency (the drivers), the server's CPU ms per operation
# (its JVM's process tree, from /proc) and PostgreSQL's CPU ms per operation, both for the backends
# serving that server's database (pg_stat_activity by datname) and for the whole PostgreSQL
# process tree; then the idle RSS of both servers 30 s after readiness, before any load, with the
# shared PostgreSQL counted apart (PSS, so shared buffers count once).
# PostgreSQL: Debian's PostgreSQL 15 (PG_BIN), a fresh cluster under the work directory, run as the
# "postgres" user when the script runs as root; durable commits as Bulwark's embedded one (fsync,
# synchronous_commit, full_page_writes on; 128 MB shared buffers; 200 connections).
# Keycloak: production mode, `kc.sh build --db=postgres --health-enabled=true` once, then
# `start --optimized --http-enabled=true --hostname-strict=false --cache=local` (one node, no
# cluster transport); realm "bench", a confidential service client "bench" whose tokens carry the
# audience "bench-rs", and that resource-server client "bench-rs". Bulwark: bulwark-server.jar
# (SERVER_JAR to measure another build) with bulwark-server/jvm.options, as `./bulwark run` starts
# it, plus BULWARK_JAVA_OPTS; on BULWARK_DB_URL (owner role bulwark_owner, which creates its runtime
# role), the system tenant's bootstrap client "bench" and a client "bench-rs".
# Usage: [ALG=RS256|ES256] [SKIP_BUILD=1] bulwark-benchmarks/scripts/token-benchmark.sh [concurrency=16] [seconds=30] [rounds=3]
# Ports: BW_PORT (default 8213), KC_PORT (default 8214), KC_MGMT_PORT (default 8215), PG_PORT
# (default 8216). JWKS_SECONDS (default: seconds) for the library figure, 0 to skip it.
set -euo pipefail
cd "$(dirname "$0")/../.."
CONCURRENCY=${1:-16}
SECONDS_MEASURED=${2:-30}
ROUNDS=${3:-3}
BW_PORT=${BW_PORT:-8213}
KC_PORT=${KC_PORT:-8214}
KC_MGMT_PORT=${KC_MGMT_PORT:-8215}
PG_PORT=${PG_PORT:-8216}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
JWKS_SECONDS=${JWKS_SECONDS:-$SECONDS_MEASURED}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
WORK=bulwark-benchmarks/target/token-benchmark
SECRET=bench-secret-0123456789abcdefghijklmnop
KC_RS_SECRET=bench-rs-secret-0123456789abcdefghijklmnop
PG_SUPER_PASSWORD=bench-postgres-0123456789
BW_DB_PASSWORD=bench-bulwark-owner-0123456789
KC_DB_PASSWORD=bench-keycloak-0123456789
mkdir -p "$WORK"

if [ -z "${SKIP_BUILD:-}" ]; then
  ./mvnw -o -q -B -pl bulwark-server,bulwark-benchmarks -am package -DskipTests -Dspotless.check.skip=true
fi
if [ ! -d "$WORK/keycloak-26.7.3" ]; then
  # From ~/.m2 when it is there (org/keycloak/keycloak-quarkus-dist/26.7.3), else Maven Central.
  ./mvnw -o -q -B dependency:copy -Dartifact=org.keycloak:keycloak-quarkus-dist:26.7.3:zip -DoutputDirectory="$WORK" ||
    ./mvnw -q -B dependency:copy -Dartifact=org.keycloak:keycloak-quarkus-dist:26.7.3:zip -DoutputDirectory="$WORK"
  (cd "$WORK" && unzip -q keycloak-quarkus-dist-26.7.3.zip)
fi
KC_HOME="$WORK/keycloak-26.7.3"
if [ ! -f "$KC_HOME/.bench-built-postgres" ]; then
  # Keycloak's production path: build-time options baked in once, then `start --optimized`.
  "$KC_HOME/bin/kc.sh" build --db=postgres --health-enabled=true > "$WORK/keycloak-build.log" 2>&1
  touch "$KC_HOME/.bench-built-postgres"
fi

# A process and all its descendants.
tree() { local p; echo "$1"; for p in $(pgrep -P "$1" || true); do tree "$p"; done; }
# Resident set size in MB of a process alone and of its whole tree.
rss_mb() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$1/status"; }
tree_rss_mb() { local t=0 p; for p in $(tree "$1"); do t=$((t + $(awk '/VmRSS/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0))); done; echo $((t / 1024)); }
# CPU seconds (user + system) used so far by a process tree.
cpu_s() {
  local p total=0 tck; tck=$(getconf CLK_TCK)
  for p in $(tree "$1"); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)))
  done
  echo "scale=2; $total / $tck" | bc
}

# Keycloak creates its schema on first start: minutes on a loaded machine.
wait_for() { for _ in $(seq 1 900); do curl -sf "$1" >/dev/null 2>&1 && return 0; sleep 1; done; echo "no answer from $1" >&2; return 1; }

PGDATA_DIR="$PWD/$WORK/postgres"
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  kill "${KC_PID:-}" "${BW_PID:-}" 2>/dev/null || true
  wait 2>/dev/null || true
  [ -f "$PGDATA_DIR/postmaster.pid" ] && as_postgres "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w stop >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap "exit 143" TERM INT

# One PostgreSQL for both servers, in a fresh cluster, reached over TCP on loopback only.
rm -rf "$PGDATA_DIR"
mkdir -p "$PGDATA_DIR"
echo "$PG_SUPER_PASSWORD" > "$WORK/pg-superuser-password"
[ "$(id -u)" = 0 ] && chown postgres: "$PGDATA_DIR" "$WORK/pg-superuser-password"
as_postgres "$PG_BIN/initdb" -D "$PGDATA_DIR" -U postgres --auth=scram-sha-256 \
  --pwfile="$PWD/$WORK/pg-superuser-password" -E UTF8 --locale=C.UTF-8 > "$WORK/initdb.log" 2>&1
as_postgres "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -l "$PGDATA_DIR/server.log" -w -t 120 start -o \
  "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=on \
   -c synchronous_commit=on -c full_page_writes=on -c max_connections=200 -c shared_buffers=128MB" >/dev/null
PG_PID=$(head -1 "$PGDATA_DIR/postmaster.pid")
psql_super() { PGPASSWORD=$PG_SUPER_PASSWORD "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
psql_super >/dev/null <<SQL
create role bulwark_owner login createrole password '$BW_DB_PASSWORD';
create database bulwark owner bulwark_owner;
create role keycloak login password '$KC_DB_PASSWORD';
create database keycloak owner keycloak;
SQL

# Keycloak, production mode on its database: realm "bench", a confidential service client, and a
# confidential client for the resource server (it only introspects).
KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin-password \
  KC_DB=postgres KC_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/keycloak" \
  KC_DB_USERNAME=keycloak KC_DB_PASSWORD=$KC_DB_PASSWORD \
  "$KC_HOME/bin/kc.sh" start --optimized --http-enabled=true --hostname-strict=false --cache=local \
  --http-port "$KC_PORT" --http-management-port "$KC_MGMT_PORT" > "$WORK/keycloak.log" 2>&1 &
KC_PID=$!

# Bulwark on its database, the bootstrap client of the system tenant.
rm -rf "$WORK/bulwark-data"
BULWARK_HTTP_PORT=$BW_PORT BULWARK_DATA_DIR="$WORK/bulwark-data" BULWARK_DEV_MODE=true \
  BULWARK_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/bulwark" \
  BULWARK_DB_USER=bulwark_owner BULWARK_DB_PASSWORD=$BW_DB_PASSWORD \
  BULWARK_BOOTSTRAP_CLIENT_ID=bench BULWARK_BOOTSTRAP_CLIENT_SECRET=$SECRET \
  "$JAVA_HOME/bin/java" @bulwark-server/jvm.options ${BULWARK_JAVA_OPTS:-} -jar "${SERVER_JAR:-bulwark-server/target/bulwark-server.jar}" > "$WORK/bulwark.log" 2>&1 &
BW_PID=$!

wait_for http://127.0.0.1:$KC_PORT/realms/master/.well-known/openid-configuration
KCADM="$KC_HOME/bin/kcadm.sh"
"$KCADM" config credentials --server http://127.0.0.1:$KC_PORT --realm master --user admin --password admin-password --config "$WORK/kcadm.config" >/dev/null
# kc_realm <realm> [realm settings…]: the realm, its service client "bench" and resource-server
# client "bench-rs"; with ALG=ES256 an ECDSA P-256 key provider and ES256 as its default algorithm.
kc_realm() {
  local realm=$1 client
  shift
  "$KCADM" create realms -s realm="$realm" -s enabled=true "$@" --config "$WORK/kcadm.config" >/dev/null
  client=$("$KCADM" create clients -r "$realm" -s clientId=bench -s secret=$SECRET -s publicClient=false \
    -s serviceAccountsEnabled=true -s standardFlowEnabled=false -s directAccessGrantsEnabled=false \
    --config "$WORK/kcadm.config" -i)
  "$KCADM" create clients -r "$realm" -s clientId=bench-rs -s secret=$KC_RS_SECRET -s publicClient=false \
    -s serviceAccountsEnabled=false -s standardFlowEnabled=false -s directAccessGrantsEnabled=false \
    --config "$WORK/kcadm.config" >/dev/null
  # Keycloak 26 answers introspection only to a client in the token's audience: the service
  # client's tokens name the resource server (an audience mapper), as a real deployment's would.
  "$KCADM" create "clients/$client/protocol-mappers/models" -r "$realm" -s name=bench-rs-audience \
    -s protocol=openid-connect -s protocolMapper=oidc-audience-mapper \
    -s 'config."included.client.audience"=bench-rs' -s 'config."access.token.claim"=true' \
    -s 'config."introspection.token.claim"=true' --config "$WORK/kcadm.config" >/dev/null
  if [ "${ALG:-RS256}" = ES256 ]; then
    "$KCADM" create components -r "$realm" -s name=ecdsa-bench -s providerId=ecdsa-generated \
      -s providerType=org.keycloak.keys.KeyProvider -s 'config.priority=["200"]' \
      -s 'config.ecdsaEllipticCurveKey=["P-256"]' --config "$WORK/kcadm.config" >/dev/null
    "$KCADM" update "realms/$realm" -s defaultSignatureAlgorithm=ES256 --config "$WORK/kcadm.config"
  fi
}
kc_realm bench
# The same realm with Keycloak's event store on (off by default): each token is then a stored
# CLIENT_LOGIN event, as each of Bulwark's tokens is a durable token.issued audit entry.
kc_realm bench-events -s eventsEnabled=true -s 'enabledEventTypes=["CLIENT_LOGIN","CLIENT_LOGIN_ERROR"]'

wait_for http://127.0.0.1:$BW_PORT/actuator/health/readiness
ADMIN_TOKEN=$(curl -sf -u bench:$SECRET -d grant_type=client_credentials \
  "http://127.0.0.1:$BW_PORT/t/system/oauth2/token" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
BW_RS_SECRET=$(curl -sf -X POST -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
  -d '{"client_id":"bench-rs","name":"bench resource server","grant_types":["client_credentials"]}' \
  "http://127.0.0.1:$BW_PORT/api/v1/tenants/system/clients" | sed -n 's/.*"client_secret":"\([^"]*\)".*/\1/p')
[ -n "$BW_RS_SECRET" ] || { echo "could not register Bulwark's resource-server client" >&2; exit 1; }

# ALG=ES256: both servers sign with ECDSA P-256 instead of RSA-2048 (Keycloak: an ecdsa-generated
# key provider and the realm's default algorithm; Bulwark: the system tenant's key rotated to ES256).
if [ "${ALG:-RS256}" = ES256 ]; then
  for _ in 1 2; do
    curl -sf -X POST -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
      -d '{"algorithm":"ES256"}' "http://127.0.0.1:$BW_PORT/api/v1/tenants/system/signing-keys/rotate" >/dev/null
  done
fi
header_alg() { curl -sf -u bench:$SECRET -d grant_type=client_credentials "$1" \
  | sed -n 's/.*"access_token":"\([^".]*\)\..*/\1/p' | base64 -d 2>/dev/null | sed -n 's/.*"alg":"\([^"]*\)".*/\1/p'; }
BW_TOKEN_URL=http://127.0.0.1:$BW_PORT/t/system/oauth2/token
KC_TOKEN_URL=http://127.0.0.1:$KC_PORT/realms/bench/protocol/openid-connect/token
KC_EVENTS_TOKEN_URL=http://127.0.0.1:$KC_PORT/realms/bench-events/protocol/openid-connect/token
BW_INTROSPECT_URL=http://127.0.0.1:$BW_PORT/t/system/oauth2/introspect
KC_INTROSPECT_URL=http://127.0.0.1:$KC_PORT/realms/bench/protocol/openid-connect/token/introspect
BW_JWKS_URL=http://127.0.0.1:$BW_PORT/t/system/oauth2/jwks
KC_JWKS_URL=http://127.0.0.1:$KC_PORT/realms/bench/protocol/openid-connect/certs
echo "signing algorithm: Bulwark $(header_alg "$BW_TOKEN_URL"), Keycloak $(header_alg "$KC_TOKEN_URL")," \
  "Keycloak with events $(header_alg "$KC_EVENTS_TOKEN_URL")"

# Proportional set size in MB of a list of processes (shared pages split among their sharers, so
# PostgreSQL's shared buffers count once).
pss_mb() { local t=0 p; for p in "$@"; do t=$((t + $(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0))); done; echo $((t / 1024)); }
# The PostgreSQL backends serving a database.
backends() { psql_super -c "select pid from pg_stat_activity where datname = '$1'" | tr '\n' ' '; }

# Idle memory of both, 30 s after the later one is ready, before any load. Each server's figure is
# its JVM (process tree) alone; the PostgreSQL they share is counted apart, for both the same way.
sleep 30
BW_BACKENDS=$(backends bulwark)
KC_BACKENDS=$(backends keycloak)
# shellcheck disable=SC2046,SC2086
echo "idle RSS MB: Bulwark JVM $(rss_mb $BW_PID), Keycloak $(tree_rss_mb $KC_PID);" \
  "PostgreSQL shared by both (in neither figure): PSS $(pss_mb $(tree "$PG_PID")) of all processes," \
  "of which backends of Bulwark's database $(pss_mb $BW_BACKENDS) ($(wc -w <<< "$BW_BACKENDS") connections)," \
  "of Keycloak's $(pss_mb $KC_BACKENDS) ($(wc -w <<< "$KC_BACKENDS") connections)"

BENCH_JAR=bulwark-benchmarks/target/bulwark-benchmarks.jar
driver() { "$JAVA_HOME/bin/java" -cp "$BENCH_JAR" "io.bulwark.benchmarks.identity.$1" "${@:2}"; }
ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
# Clock ticks used so far by each backend of a database, one "pid ticks" line each.
backend_ticks() { local p; for p in $(backends "$1"); do echo "$p $(ticks "$p")"; done; }
# CPU seconds the backends of a database used between two backend_ticks snapshots (a backend that
# started in between counts from zero; one that ended in between is lost).
backend_delta_s() {
  awk -v tck="$(getconf CLK_TCK)" 'NR == FNR { before[$1] = $2; next }
    { d += $2 - ($1 in before ? before[$1] : 0) } END { printf "%.2f", d / tck }' "$1" "$2"
}
per_op() { echo "scale=2; 1000 * $1 * $SECONDS_MEASURED / (($SECONDS_MEASURED + 10) * ($2 + 1))" | bc; }
# measure <server> <pid> <database> <operation> <driver> <driver arguments...>: runs the driver
# while counting the CPU of the server, of its database's backends and of all of PostgreSQL.
measure() {
  local name=$1 pid=$2 db=$3 op=$4 before after pg_before pg_after count
  shift 4
  before=$(cpu_s "$pid")
  pg_before=$(cpu_s "$PG_PID")
  backend_ticks "$db" > "$WORK/ticks-before"
  driver "$@" | tee "$WORK/last.txt"
  after=$(cpu_s "$pid")
  pg_after=$(cpu_s "$PG_PID")
  backend_ticks "$db" > "$WORK/ticks-after"
  count=$(sed -n "s/.* ${op}s=\([0-9]*\).*/\1/p" "$WORK/last.txt")
  # The CPU window includes the 10 s warm-up; assume the same rate there.
  echo "$name server CPU ms per $op: $(per_op "$(echo "$after - $before" | bc)" "$count")" \
    "(PostgreSQL: $(per_op "$(backend_delta_s "$WORK/ticks-before" "$WORK/ticks-after")" "$count") in its database's backends," \
    "$(per_op "$(echo "$pg_after - $pg_before" | bc)" "$count") all processes)" \
    "(load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  sed -n "s/.* ${op}s_per_s=\([0-9]*\).*/\1/p" "$WORK/last.txt" > "$WORK/rate-$name-$op"
}
# ratio <operation> [peer=Keycloak]: Bulwark's rate over the peer's in the last measurement.
ratio() { local k; k=$(cat "$WORK/rate-${2:-Keycloak}-$1"); [ "${k:-0}" -gt 0 ] && echo "scale=2; $(cat "$WORK/rate-Bulwark-$1") / $k" | bc || echo n/a; }
for round in $(seq 1 "$ROUNDS"); do
  echo "--- round $round"
  measure Bulwark "$BW_PID" bulwark token TokenLoad "$BW_TOKEN_URL" bench $SECRET "$CONCURRENCY" "$SECONDS_MEASURED" 10
  measure Keycloak "$KC_PID" keycloak token TokenLoad "$KC_TOKEN_URL" bench $SECRET "$CONCURRENCY" "$SECONDS_MEASURED" 10
  measure Keycloak-events "$KC_PID" keycloak token TokenLoad "$KC_EVENTS_TOKEN_URL" bench $SECRET "$CONCURRENCY" "$SECONDS_MEASURED" 10
  # Fresh pools each round, issued outside the measured windows (Keycloak's tokens live 5 minutes).
  driver TokenPool "$BW_TOKEN_URL" bench $SECRET 200 > "$WORK/tokens-bulwark.txt"
  driver TokenPool "$KC_TOKEN_URL" bench $SECRET 200 > "$WORK/tokens-keycloak.txt"
  measure Bulwark "$BW_PID" bulwark validation IntrospectionLoad "$WORK/tokens-bulwark.txt" \
    "$BW_INTROSPECT_URL" bench-rs "$BW_RS_SECRET" "$CONCURRENCY" "$SECONDS_MEASURED" 10
  measure Keycloak "$KC_PID" keycloak validation IntrospectionLoad "$WORK/tokens-keycloak.txt" \
    "$KC_INTROSPECT_URL" bench-rs $KC_RS_SECRET "$CONCURRENCY" "$SECONDS_MEASURED" 10
  echo "round $round Bulwark/Keycloak: tokens/s $(ratio token)x (against Keycloak with its event store on: $(ratio token Keycloak-events)x), validations/s $(ratio validation)x"
done
# shellcheck disable=SC2016
echo "Keycloak events stored: $(psql_super -c '\connect keycloak' -c "select count(*) from event_entity where type = 'CLIENT_LOGIN'")," \
  "Bulwark token.issued entries: $(psql_super -c '\connect bulwark' -c "select count(*) from audit_entries where action = 'token.issued'")"
if [ "$JWKS_SECONDS" != 0 ]; then
  echo "--- library figure: local JWKS validation in this JVM (Nimbus), servers idle; not a server figure"
  driver TokenPool "$BW_TOKEN_URL" bench $SECRET 200 > "$WORK/tokens-bulwark.txt"
  driver TokenPool "$KC_TOKEN_URL" bench $SECRET 200 > "$WORK/tokens-keycloak.txt"
  driver JwksValidation "$WORK/tokens-bulwark.txt" "$BW_JWKS_URL" "$CONCURRENCY" "$JWKS_SECONDS" 10
  driver JwksValidation "$WORK/tokens-keycloak.txt" "$KC_JWKS_URL" "$CONCURRENCY" "$JWKS_SECONDS" 10
fi
