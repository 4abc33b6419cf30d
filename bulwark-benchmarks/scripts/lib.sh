# Shared by the benchmark scripts that start one Bulwark server (source it after `cd` to the
# repository root): the jars' build unless SKIP_BUILD is set, stopping the server started as BW_PID
# on exit, waiting for a URL to answer, and reading a JSON field from stdin.

build_unless_skipped() {
  if [ -z "${SKIP_BUILD:-}" ]; then
    ./mvnw -o -q -B -pl bulwark-server,bulwark-benchmarks -am package -DskipTests -Dspotless.check.skip=true
  fi
}

stop_server() {
  if [ -n "${BW_PID:-}" ]; then
    kill "$BW_PID" 2>/dev/null || true
    wait "$BW_PID" 2>/dev/null || true
    BW_PID=
  fi
}
trap stop_server EXIT

wait_for() { for _ in $(seq 1 300); do curl -sf "$1" >/dev/null 2>&1 && return 0; sleep 1; done; echo "no answer from $1" >&2; return 1; }
json_field() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }
