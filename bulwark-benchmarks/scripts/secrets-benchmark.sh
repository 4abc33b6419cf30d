#!/usr/bin/env bash
# Secrets vault over HTTP: secret reads/s with p50/p99 (SecretReadLoad, three runs), then the
# rewrap of many secrets after a data-key rotation (SecretRewrapTiming). One Bulwark server with
# its embedded PostgreSQL in a fresh data directory; everything on loopback.
# Usage: bulwark-benchmarks/scripts/secrets-benchmark.sh [concurrency=32] [seconds=30] [rewrap-secrets=100000]
set -euo pipefail
cd "$(dirname "$0")/../.."
CONCURRENCY=${1:-32}
SECONDS_MEASURED=${2:-30}
REWRAP_SECRETS=${3:-100000}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
WORK=bulwark-benchmarks/target/secrets-benchmark
SECRET=bench-secret-0123456789abcdefghijklmnop
mkdir -p "$WORK"

if [ "${SKIP_BUILD:-}" != "1" ]; then
  ./mvnw -o -q -B -pl bulwark-server,bulwark-benchmarks -am package -DskipTests -Dspotless.check.skip=true
fi

cleanup() { kill "${BW_PID:-}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT
wait_for() { for _ in $(seq 1 120); do curl -sf "$1" >/dev/null 2>&1 && return 0; sleep 1; done; echo "no answer from $1" >&2; return 1; }

rm -rf "$WORK/bulwark-data"
BULWARK_HTTP_PORT=8191 BULWARK_DATA_DIR="$WORK/bulwark-data" BULWARK_DEV_MODE=true \
  BULWARK_BOOTSTRAP_CLIENT_ID=bench BULWARK_BOOTSTRAP_CLIENT_SECRET=$SECRET \
  "$JAVA_HOME/bin/java" ${BULWARK_JAVA_OPTS:-} -jar bulwark-server/target/bulwark-server.jar > "$WORK/bulwark.log" 2>&1 &
BW_PID=$!
wait_for http://127.0.0.1:8191/actuator/health/readiness

CP=bulwark-benchmarks/target/bulwark-benchmarks.jar
for run in 1 2 3; do
  echo "load average before run $run: $(cut -d' ' -f1-3 /proc/loadavg)"
  "$JAVA_HOME/bin/java" -cp $CP io.bulwark.benchmarks.secrets.SecretReadLoad \
    http://127.0.0.1:8191 bench $SECRET "$CONCURRENCY" "$SECONDS_MEASURED" 10
  echo "load average after run $run: $(cut -d' ' -f1-3 /proc/loadavg)"
done
if [ "$REWRAP_SECRETS" -gt 0 ]; then
  "$JAVA_HOME/bin/java" -cp $CP io.bulwark.benchmarks.secrets.SecretRewrapTiming \
    http://127.0.0.1:8191 bench $SECRET "$REWRAP_SECRETS" 8
  echo "load average after the rewrap: $(cut -d' ' -f1-3 /proc/loadavg)"
fi
