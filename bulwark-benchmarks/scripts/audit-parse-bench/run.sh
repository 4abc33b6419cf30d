#!/usr/bin/env bash
# Parse + validate + canonicalize per event, one thread, no HTTP/SQL, for one or two server jars.
# Usage: bulwark-benchmarks/scripts/audit-parse-bench/run.sh [server jar...]  (default: this tree's)
# Env: ROUNDS (default 40), WARMUP (default 40).
set -euo pipefail
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JARS=()
for jar in "$@"; do JARS+=("$(realpath "$jar")"); done
cd "$(dirname "$0")"
[ ${#JARS[@]} -eq 0 ] && JARS=("$(realpath ../../../bulwark-server/target/bulwark-server.jar)")
for jar in "${JARS[@]}"; do
  dir=$(mktemp -d)
  (cd "$dir" && "$JAVA_HOME/bin/jar" xf "$jar" BOOT-INF)
  echo "$jar"
  "$JAVA_HOME/bin/java" -Xmx1g -cp "$dir/BOOT-INF/classes:$dir/BOOT-INF/lib/*" \
    ParseCanonicalizeBench.java "${ROUNDS:-40}" "${WARMUP:-40}"
  rm -rf "$dir"
done
