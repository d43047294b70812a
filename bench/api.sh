#!/usr/bin/env bash
# Requests per second of serve's API with 8 connections (wrk), for the three ways a client can authenticate:
# none (/actuator/health, the baseline), HTTP Basic (a bcrypt check, then the cache of verified passwords) and an
# API token (one HMAC-SHA256). Starts serve on a fresh embedded database with a small data set. See bench/README.md.
#
#   bench/api.sh
#   DURATION=30s CONNECTIONS=8 bench/api.sh
#
# Needs wrk (Debian: apt-get install -y wrk) and curl. Environment: DURATION (10s), CONNECTIONS (8), THREADS (2),
# PORT (18080), HEAP (512m), KEEP_HOME (set: keep the temporary home).
set -euo pipefail

cd "$(dirname "$0")/.."

DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-8}"
THREADS="${THREADS:-2}"
PORT="${PORT:-18080}"
HEAP="${HEAP:-512m}"

command -v wrk >/dev/null || { echo "bench/api.sh needs wrk: apt-get install -y wrk" >&2; exit 2; }
if [[ ! -f target/period-close.jar ]] || [[ -n "$(find src pom.xml -newer target/period-close.jar -type f -print -quit)" ]]; then
    echo "bench: building (mvn package, tests skipped)" >&2
    mvn -q -B -DskipTests package
fi

home="$(mktemp -d -t period-close-api-bench.XXXXXX)"
serve_pid=""
cleanup() {
    if [[ -n "$serve_pid" ]]; then
        kill "$serve_pid" 2>/dev/null || true
        wait "$serve_pid" 2>/dev/null || true
    fi
    if [[ -z "${KEEP_HOME:-}" ]]; then rm -rf "$home"; else echo "bench: home kept in $home" >&2; fi
}
trap cleanup EXIT

pc() { java -Xmx"$HEAP" -jar target/period-close.jar --home "$home/db" --programs "$home/data/programs" --out "$home/out" "$@"; }

echo "bench: small data set (200 distributors, 5,000 sales lines per quarter), imported" >&2
year=$(( $(date +%Y) - 1 ))
java -jar target/period-close.jar generate --distributors 200 --lines 5000 --year "$year" --years 1 --dir "$home/data" >/dev/null
pc import distributors "$home/data/distributors.csv" >/dev/null 2>&1
pc import targets "$home/data/targets.csv" >/dev/null 2>&1
pc import sales "$home/data/sales.csv" >/dev/null 2>&1
pc import claims "$home/data/claims.csv" >/dev/null 2>&1

password="bench-password-$RANDOM$RANDOM"
echo "$password" | pc users --users "$home/users.yml" add bench --role ADMIN --password-stdin >/dev/null
token="$(pc users --users "$home/users.yml" token bench 2>/dev/null)"

# java itself in the background (not the pc function's subshell), so that $! is the process to stop
PERIOD_CLOSE_LOG_FORMAT=text java -Xmx"$HEAP" -jar target/period-close.jar --home "$home/db" \
    --programs "$home/data/programs" --out "$home/out" serve --port "$PORT" --address 127.0.0.1 --users "$home/users.yml" --no-scheduler \
    >"$home/serve.log" 2>&1 &
serve_pid=$!
for _ in $(seq 1 240); do
    curl -fsS "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1 && break
    kill -0 "$serve_pid" 2>/dev/null || { echo "bench: serve died; its log:" >&2; tail -40 "$home/serve.log" >&2; exit 1; }
    sleep 0.5
done
basic="Authorization: Basic $(printf 'bench:%s' "$password" | base64 -w0)"
bearer="Authorization: Bearer $token"
api="http://127.0.0.1:$PORT/api/executions"
[[ "$(curl -s -o /dev/null -w '%{http_code}' -H "$basic" "$api")" == 200 ]] || { echo "bench: Basic refused" >&2; exit 1; }
[[ "$(curl -s -o /dev/null -w '%{http_code}' -H "$bearer" "$api")" == 200 ]] || { echo "bench: token refused" >&2; exit 1; }
executions="$(curl -s -H "$bearer" "$api" | grep -o '"status"' | wc -l || true)"

# a first short run warms the JIT up on every path; the second is measured
rate() {
    wrk -t"$THREADS" -c"$CONNECTIONS" -d3s "$@" >/dev/null
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" | awk '
        /Requests\/sec/ { rps = $2 } / 50%/ { p50 = $2 } / 99%/ { p99 = $2 } /Non-2xx/ { bad = $NF }
        END { printf "%10.1f req/s   p50 %-9s p99 %-9s non-2xx %s\n", rps, p50, p99, (bad == "" ? 0 : bad) }'
}

echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION on $(nproc) cores; /api/executions lists $executions executions"
printf '%-38s' "/actuator/health (no authentication)"; rate "http://127.0.0.1:$PORT/actuator/health"
printf '%-38s' "/api/executions, HTTP Basic";          rate -H "$basic" "$api"
printf '%-38s' "/api/executions, API token";           rate -H "$bearer" "$api"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
