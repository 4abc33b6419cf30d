#!/usr/bin/env bash
# client_credentials tokens/s: Bulwark beside Keycloak 26.7.3, one after the other in one run,
# each with the same closed-loop driver (TokenLoad). Everything runs on loopback.
# Prints, per round and server, tokens/s and latency (the driver) and the server's CPU seconds per
# token (JVM plus child processes, from /proc; for Bulwark also the embedded PostgreSQL's process
# tree, which runs outside the JVM's), and the idle RSS of both servers 30 s after readiness, before
# any load.
# Usage: [ALG=RS256|ES256] bulwark-benchmarks/scripts/token-benchmark.sh [concurrency=16] [seconds=30] [rounds=3]
# Ports: BW_PORT (default 8213), KC_PORT (default 8214), KC_MGMT_PORT (default 8215).
set -euo pipefail
cd "$(dirname "$0")/../.."
CONCURRENCY=${1:-16}
SECONDS_MEASURED=${2:-30}
ROUNDS=${3:-3}
BW_PORT=${BW_PORT:-8213}
KC_PORT=${KC_PORT:-8214}
KC_MGMT_PORT=${KC_MGMT_PORT:-8215}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
WORK=bulwark-benchmarks/target/token-benchmark
SECRET=bench-secret-0123456789abcdefghijklmnop
mkdir -p "$WORK"

./mvnw -o -q -B -pl bulwark-server,bulwark-benchmarks -am package -DskipTests -Dspotless.check.skip=true
if [ ! -d "$WORK/keycloak-26.7.3" ]; then
  # From ~/.m2 when it is there (org/keycloak/keycloak-quarkus-dist/26.7.3), else Maven Central.
  ./mvnw -o -q -B dependency:copy -Dartifact=org.keycloak:keycloak-quarkus-dist:26.7.3:zip -DoutputDirectory="$WORK" ||
    ./mvnw -q -B dependency:copy -Dartifact=org.keycloak:keycloak-quarkus-dist:26.7.3:zip -DoutputDirectory="$WORK"
  (cd "$WORK" && unzip -q keycloak-quarkus-dist-26.7.3.zip)
fi

cleanup() { kill "${KC_PID:-}" "${BW_PID:-}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT

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

wait_for() { for _ in $(seq 1 300); do curl -sf "$1" >/dev/null 2>&1 && return 0; sleep 1; done; echo "no answer from $1" >&2; return 1; }

# Keycloak: dev mode (its embedded H2 file store), realm "bench", a confidential service client.
KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin-password \
  "$WORK/keycloak-26.7.3/bin/kc.sh" start-dev --http-port "$KC_PORT" --http-management-port "$KC_MGMT_PORT" \
  --health-enabled=true > "$WORK/keycloak.log" 2>&1 &
KC_PID=$!
wait_for http://127.0.0.1:$KC_PORT/realms/master/.well-known/openid-configuration
KCADM="$WORK/keycloak-26.7.3/bin/kcadm.sh"
"$KCADM" config credentials --server http://127.0.0.1:$KC_PORT --realm master --user admin --password admin-password --config "$WORK/kcadm.config" >/dev/null
"$KCADM" create realms -s realm=bench -s enabled=true --config "$WORK/kcadm.config" >/dev/null 2>&1 || true
"$KCADM" create clients -r bench -s clientId=bench -s secret=$SECRET -s publicClient=false \
  -s serviceAccountsEnabled=true -s standardFlowEnabled=false -s directAccessGrantsEnabled=false \
  --config "$WORK/kcadm.config" >/dev/null 2>&1 || true

# Bulwark: embedded PostgreSQL in a fresh data directory, the bootstrap client of the system tenant.
rm -rf "$WORK/bulwark-data"
BULWARK_HTTP_PORT=$BW_PORT BULWARK_DATA_DIR="$WORK/bulwark-data" BULWARK_DEV_MODE=true \
  BULWARK_BOOTSTRAP_CLIENT_ID=bench BULWARK_BOOTSTRAP_CLIENT_SECRET=$SECRET \
  "$JAVA_HOME/bin/java" -jar bulwark-server/target/bulwark-server.jar > "$WORK/bulwark.log" 2>&1 &
BW_PID=$!
wait_for http://127.0.0.1:$BW_PORT/actuator/health/readiness

# ALG=ES256: both servers sign with ECDSA P-256 instead of RSA-2048 (Keycloak: an ecdsa-generated
# key provider and the realm's default algorithm; Bulwark: the system tenant's key rotated to ES256).
if [ "${ALG:-RS256}" = ES256 ]; then
  "$KCADM" create components -r bench -s name=ecdsa-bench -s providerId=ecdsa-generated \
    -s providerType=org.keycloak.keys.KeyProvider -s 'config.priority=["200"]' \
    -s 'config.ecdsaEllipticCurveKey=["P-256"]' --config "$WORK/kcadm.config" >/dev/null
  "$KCADM" update realms/bench -s defaultSignatureAlgorithm=ES256 --config "$WORK/kcadm.config"
  ADMIN_TOKEN=$(curl -sf -u bench:$SECRET -d grant_type=client_credentials \
    "http://127.0.0.1:$BW_PORT/t/system/oauth2/token" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
  for _ in 1 2; do
    curl -sf -X POST -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
      -d '{"algorithm":"ES256"}' "http://127.0.0.1:$BW_PORT/api/v1/tenants/system/signing-keys/rotate" >/dev/null
  done
fi
header_alg() { curl -sf -u bench:$SECRET -d grant_type=client_credentials "$1" \
  | sed -n 's/.*"access_token":"\([^".]*\)\..*/\1/p' | base64 -d 2>/dev/null | sed -n 's/.*"alg":"\([^"]*\)".*/\1/p'; }
echo "signing algorithm: Bulwark $(header_alg "http://127.0.0.1:$BW_PORT/t/system/oauth2/token")," \
  "Keycloak $(header_alg "http://127.0.0.1:$KC_PORT/realms/bench/protocol/openid-connect/token")"

# Idle memory of both, 30 s after the later one is ready, before any load.
sleep 30
echo "idle RSS MB: Bulwark JVM $(rss_mb $BW_PID), Bulwark with embedded PostgreSQL $(tree_rss_mb $BW_PID);" \
  "Keycloak $(tree_rss_mb $KC_PID)"

DRIVER=("$JAVA_HOME/bin/java" -cp bulwark-benchmarks/target/bulwark-benchmarks.jar io.bulwark.benchmarks.identity.TokenLoad)
# The embedded PostgreSQL's postmaster (started through a user namespace, not a child of the JVM).
pg_pid() { pgrep -f -- "token-benchmark/bulwark-data" | while read -r p; do [ "$p" != "$BW_PID" ] && echo "$p"; done | head -1; }
per_token() { echo "scale=2; 1000 * $1 * $SECONDS_MEASURED / (($SECONDS_MEASURED + 10) * ($2 + 1))" | bc; }
measure() { # name pid url [database pid]
  local before after db_before=0 db_after=0
  before=$(cpu_s "$2")
  [ -n "${4:-}" ] && db_before=$(cpu_s "$4")
  "${DRIVER[@]}" "$3" bench $SECRET "$CONCURRENCY" "$SECONDS_MEASURED" 10 | tee "$WORK/last.txt"
  after=$(cpu_s "$2")
  [ -n "${4:-}" ] && db_after=$(cpu_s "$4")
  local tokens; tokens=$(sed -n 's/.* tokens=\([0-9]*\).*/\1/p' "$WORK/last.txt")
  # The CPU window includes the 10 s warm-up; assume the same token rate there.
  echo "$1 server CPU ms per token: $(per_token "$(echo "$after - $before" | bc)" "$tokens")" \
    "${4:+(embedded PostgreSQL: $(per_token "$(echo "$db_after - $db_before" | bc)" "$tokens") more)}" \
    "(load average: $(cut -d' ' -f1-3 /proc/loadavg))"
}
for round in $(seq 1 "$ROUNDS"); do
  echo "--- round $round"
  measure Bulwark "$BW_PID" "http://127.0.0.1:$BW_PORT/t/system/oauth2/token" "$(pg_pid)"
  measure Keycloak "$KC_PID" "http://127.0.0.1:$KC_PORT/realms/bench/protocol/openid-connect/token"
done
