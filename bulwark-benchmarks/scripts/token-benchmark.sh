#!/usr/bin/env bash
# client_credentials tokens/s: Bulwark beside Keycloak 26.7.3, one after the other in one run,
# each with the same closed-loop driver (TokenLoad). Everything runs on loopback.
# Usage: bulwark-benchmarks/scripts/token-benchmark.sh [concurrency=16] [seconds=30]
set -euo pipefail
cd "$(dirname "$0")/../.."
CONCURRENCY=${1:-16}
SECONDS_MEASURED=${2:-30}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
WORK=bulwark-benchmarks/target/token-benchmark
SECRET=bench-secret-0123456789abcdefghijklmnop
mkdir -p "$WORK"

./mvnw -q -B -pl bulwark-server,bulwark-benchmarks -am package -DskipTests -Dspotless.check.skip=true
if [ ! -d "$WORK/keycloak-26.7.3" ]; then
  ./mvnw -q -B dependency:copy -Dartifact=org.keycloak:keycloak-quarkus-dist:26.7.3:zip -DoutputDirectory="$WORK"
  (cd "$WORK" && unzip -q keycloak-quarkus-dist-26.7.3.zip)
fi

cleanup() { kill "${KC_PID:-}" "${BW_PID:-}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT

wait_for() { for _ in $(seq 1 120); do curl -sf "$1" >/dev/null 2>&1 && return 0; sleep 1; done; echo "no answer from $1" >&2; return 1; }

# Keycloak: dev mode (its embedded H2 file store), realm "bench", a confidential service client.
KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin-password \
  "$WORK/keycloak-26.7.3/bin/kc.sh" start-dev --http-port 8180 --http-management-port 9180 \
  --health-enabled=true > "$WORK/keycloak.log" 2>&1 &
KC_PID=$!
wait_for http://127.0.0.1:8180/realms/master/.well-known/openid-configuration
KCADM="$WORK/keycloak-26.7.3/bin/kcadm.sh"
"$KCADM" config credentials --server http://127.0.0.1:8180 --realm master --user admin --password admin-password --config "$WORK/kcadm.config" >/dev/null
"$KCADM" create realms -s realm=bench -s enabled=true --config "$WORK/kcadm.config" >/dev/null 2>&1 || true
"$KCADM" create clients -r bench -s clientId=bench -s secret=$SECRET -s publicClient=false \
  -s serviceAccountsEnabled=true -s standardFlowEnabled=false -s directAccessGrantsEnabled=false \
  --config "$WORK/kcadm.config" >/dev/null 2>&1 || true

# Bulwark: embedded PostgreSQL in a fresh data directory, the bootstrap client of the system tenant.
rm -rf "$WORK/bulwark-data"
BULWARK_HTTP_PORT=8190 BULWARK_DATA_DIR="$WORK/bulwark-data" BULWARK_DEV_MODE=true \
  BULWARK_BOOTSTRAP_CLIENT_ID=bench BULWARK_BOOTSTRAP_CLIENT_SECRET=$SECRET \
  "$JAVA_HOME/bin/java" -jar bulwark-server/target/bulwark-server.jar > "$WORK/bulwark.log" 2>&1 &
BW_PID=$!
wait_for http://127.0.0.1:8190/actuator/health/readiness

DRIVER=("$JAVA_HOME/bin/java" -cp bulwark-benchmarks/target/bulwark-benchmarks.jar io.bulwark.benchmarks.identity.TokenLoad)
"${DRIVER[@]}" http://127.0.0.1:8190/t/system/oauth2/token bench $SECRET "$CONCURRENCY" "$SECONDS_MEASURED" 10
"${DRIVER[@]}" http://127.0.0.1:8180/realms/bench/protocol/openid-connect/token bench $SECRET "$CONCURRENCY" "$SECONDS_MEASURED" 10
"${DRIVER[@]}" http://127.0.0.1:8190/t/system/oauth2/token bench $SECRET "$CONCURRENCY" "$SECONDS_MEASURED" 10
"${DRIVER[@]}" http://127.0.0.1:8180/realms/bench/protocol/openid-connect/token bench $SECRET "$CONCURRENCY" "$SECONDS_MEASURED" 10
