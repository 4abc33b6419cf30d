#!/usr/bin/env bash
# Server startup with and without a Google Cloud KMS key-encryption key: for each jar given, a
# warm restart (data directory initialised by a first start) with the local-file provider, and for
# the jars marked gcp also with BULWARK_KEK_URI=gcp-kms://… against the tests' loopback
# GcpKmsEndpoint and a service-account key file. Prints Spring Boot's "Started … in" line, the
# JVM's CPU seconds (utime+stime) and RSS at that moment, and the load average; ports are ephemeral.
# Usage: bulwark-benchmarks/scripts/kek-startup.sh ROUNDS label=jar[:gcp] ...
#   e.g. kek-startup.sh 3 before=/tmp/before.jar after=bulwark-server/target/bulwark-server.jar:gcp
# Needs bulwark-server/target/test-classes (./mvnw -o -q -B -pl bulwark-server -am test-compile).
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
ROUNDS=$1; shift
WORK=bulwark-benchmarks/target/kek-startup
rm -rf "$WORK"; mkdir -p "$WORK/libs"
# the endpoint runs on the libraries of the last jar given (the one with the Google auth library)
LAST_JAR=$(realpath "$(echo "${@: -1}" | sed 's/^[^=]*=//; s/:gcp$//')")
(cd "$WORK/libs" && unzip -q -j "$LAST_JAR" 'BOOT-INF/lib/*')
"$JAVA_HOME/bin/java" -cp "bulwark-server/target/test-classes:$WORK/libs/*" \
  bulwark-benchmarks/scripts/kek-startup/GcpKmsEndpointLauncher.java "$WORK/sa.json" "$WORK/endpoint.txt" \
  > "$WORK/endpoint.log" 2>&1 &
ENDPOINT=$!
trap 'kill $ENDPOINT 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do [ -s "$WORK/endpoint.txt" ] && break; sleep 0.5; done

start() { # label jar data-dir mode
  local log="$WORK/$1-$(date +%s%N).log" envs=()
  if [ "$4" = gcp ]; then
    envs=(BULWARK_KEK_URI=gcp-kms://projects/bulwark-test/locations/europe-west3/keyRings/bulwark/cryptoKeys/kek
          BULWARK_KMS_GCP_ENDPOINT="$(cat "$WORK/endpoint.txt")"
          GOOGLE_APPLICATION_CREDENTIALS="$WORK/sa.json" NO_GCE_CHECK=true)
  fi
  env "${envs[@]}" "$JAVA_HOME/bin/java" @bulwark-server/jvm.options -jar "$2" --server.port=0 --bulwark.db.data-dir="$3" \
    --bulwark.dev-mode=true > "$log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 600); do
    grep -q '"Started BulwarkApplication' "$log" && break
    kill -0 $pid 2>/dev/null || { echo "$1: exited, see $log"; return 1; }
    sleep 0.5
  done
  echo "$1 | $(grep -o 'Started BulwarkApplication in [0-9.]* seconds (process running for [0-9.]*)' "$log")" \
    "| cpu_s=$(awk '{printf "%.2f", ($14+$15)/100}' /proc/$pid/stat) | rss_kb=$(ps -o rss= -p $pid)" \
    "| load=$(cut -d' ' -f1-3 /proc/loadavg)"
  kill $pid; wait $pid 2>/dev/null || true
}

runs=()
for spec in "$@"; do
  label=${spec%%=*}; jar=${spec#*=}; gcp=no
  [[ $jar == *:gcp ]] && { jar=${jar%:gcp}; gcp=yes; }
  runs+=("$label-local|$jar|local")
  [ $gcp = yes ] && runs+=("$label-gcp|$jar|gcp")
done
for run in "${runs[@]}"; do IFS='|' read -r l j m <<<"$run"; start "init-$l" "$j" "$WORK/data-$l" "$m" >/dev/null; done
for _ in $(seq 1 "$ROUNDS"); do
  for run in "${runs[@]}"; do IFS='|' read -r l j m <<<"$run"; start "$l" "$j" "$WORK/data-$l" "$m"; done
done
