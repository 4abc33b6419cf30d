#!/usr/bin/env bash
# Secrets vault over HTTP: secret reads/s with p50/p99 (SecretReadLoad, three runs), then the
# rewrap of many secrets after a data-key rotation (SecretRewrapTiming). One Bulwark server with
# its embedded PostgreSQL in a fresh data directory; everything on loopback.
# Usage: bulwark-benchmarks/scripts/secrets-benchmark.sh [concurrency=32] [seconds=30] [rewrap-secrets=100000]
# Environment: READ_RUNS (3), BENCH_PORT (8196), SKIP_BUILD=1, BULWARK_JAVA_OPTS (after
# bulwark-server/jvm.options), SERVER_JAR and
# BENCH_JAR (another build's jars, e.g. a baseline), DRIVER_JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/../.."
CONCURRENCY=${1:-32}
SECONDS_MEASURED=${2:-30}
REWRAP_SECRETS=${3:-100000}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
WORK=bulwark-benchmarks/target/secrets-benchmark${BENCH_PORT:+-$BENCH_PORT}
PORT=${BENCH_PORT:-8196}
SECRET=bench-secret-0123456789abcdefghijklmnop
mkdir -p "$WORK"

if [ "${SKIP_BUILD:-}" != "1" ]; then
  ./mvnw -o -q -B -pl bulwark-server,bulwark-benchmarks -am package -DskipTests -Dspotless.check.skip=true
fi

cleanup() { kill "${BW_PID:-}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT
wait_for() { for _ in $(seq 1 120); do curl -sf "$1" >/dev/null 2>&1 && return 0; sleep 1; done; echo "no answer from $1" >&2; return 1; }

rm -rf "$WORK/bulwark-data"
# A copy, so a rebuild while the benchmark runs does not pull the jar from under the server.
cp "${SERVER_JAR:-bulwark-server/target/bulwark-server.jar}" "$WORK/bulwark-server.jar"
BULWARK_HTTP_PORT=$PORT BULWARK_DATA_DIR="$WORK/bulwark-data" BULWARK_DEV_MODE=true \
  BULWARK_BOOTSTRAP_CLIENT_ID=bench BULWARK_BOOTSTRAP_CLIENT_SECRET=$SECRET \
  "$JAVA_HOME/bin/java" @bulwark-server/jvm.options ${BULWARK_JAVA_OPTS:-} -jar "$WORK/bulwark-server.jar" > "$WORK/bulwark.log" 2>&1 &
BW_PID=$!
wait_for http://127.0.0.1:$PORT/actuator/health/readiness

# CPU seconds used so far by the server and its PostgreSQL processes (utime + stime).
server_cpu() {
  local ticks=0 pid
  local postmaster
  postmaster=$(pgrep -f "postgres -D .*$WORK/bulwark-data" || true)
  for pid in ${1:-$BW_PID $postmaster $(for p in $postmaster; do pgrep -P "$p"; done)}; do
    [ -r /proc/$pid/stat ] && ticks=$((ticks + $(awk '{print $14 + $15}' /proc/$pid/stat)))
  done
  echo "scale=2; $ticks / $(getconf CLK_TCK)" | bc
}

CP=${BENCH_JAR:-bulwark-benchmarks/target/bulwark-benchmarks.jar}
# The driver shares the cores with the server: its own CPU (bash time: user + sys) is reported too.
TIMEFORMAT="driver CPU seconds during run (setup, warm-up and measurement): %U user + %S sys"
for run in $(seq 1 "${READ_RUNS:-3}"); do
  echo "load average before run $run: $(cut -d' ' -f1-3 /proc/loadavg)"
  before=$(server_cpu); java_before=$(server_cpu $BW_PID)
  time "$JAVA_HOME/bin/java" ${DRIVER_JAVA_OPTS:-} -cp "$CP" io.bulwark.benchmarks.secrets.SecretReadLoad \
    http://127.0.0.1:$PORT bench $SECRET "$CONCURRENCY" "$SECONDS_MEASURED" 10
  echo "server+postgres CPU seconds during run $run (setup, warm-up and measurement): $(echo "$(server_cpu) - $before" | bc), of which the JVM $(echo "$(server_cpu $BW_PID) - $java_before" | bc)"
  echo "load average after run $run: $(cut -d' ' -f1-3 /proc/loadavg)"
done
if [ "$REWRAP_SECRETS" -gt 0 ]; then
  "$JAVA_HOME/bin/java" -cp $CP io.bulwark.benchmarks.secrets.SecretRewrapTiming \
    http://127.0.0.1:$PORT bench $SECRET "$REWRAP_SECRETS" 8
  echo "load average after the rewrap: $(cut -d' ' -f1-3 /proc/loadavg)"
fi
