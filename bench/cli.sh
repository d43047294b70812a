#!/usr/bin/env bash
# How fast a report command starts, next to the JVM's own `--help` start of the same jar. See bench/README.md.
# Needs hyperfine (apt-get install -y hyperfine). Environment: RUNS (default 10), WARMUP (2), KEEP=1 keeps the
# temporary home. The jar is built when missing or older than the sources.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS="${RUNS:-10}"
WARMUP="${WARMUP:-2}"
command -v hyperfine >/dev/null || { echo "bench/cli.sh needs hyperfine: apt-get install -y hyperfine" >&2; exit 2; }
if [[ ! -f target/period-close.jar ]] || [[ -n "$(find src pom.xml -newer target/period-close.jar -type f -print -quit)" ]]; then
    echo "building..." >&2
    mvn -q -B -ntp -DskipTests package >&2
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/period-close-cli-bench.XXXXXX")"
home="$work/home"
cleanup() {
    PERIOD_CLOSE_DB_LINGER=0 java -jar target/period-close.jar --home "$home" db stop >/dev/null 2>&1 || true
    [[ "${KEEP:-}" == 1 ]] || rm -rf "$work"
}
trap cleanup EXIT
unset SPRING_DATASOURCE_URL SPRING_DATASOURCE_USERNAME SPRING_DATASOURCE_PASSWORD
jar="java -jar target/period-close.jar"

echo "== $(date -u +%FT%TZ), $(nproc) cores, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== preparing a home: 300 distributors, 3,000 sales lines a quarter of 2026, 2026-Q1 closed (not timed)"
$jar generate --distributors 300 --lines 3000 --year 2026 --years 1 --dir "$work/data" >/dev/null
export PERIOD_CLOSE_DB_LINGER=30m
for kind in distributors targets sales claims; do
    $jar --home "$home" --programs "$work/data/programs" import "$kind" "$work/data/$kind.csv" >/dev/null 2>&1
done
$jar --home "$home" --programs "$work/data/programs" --out "$work/out" close --period 2026-Q1 --as-of 2026-04-02 \
    >/dev/null 2>&1
# the launcher's first run unpacks the jar and records its class-data-sharing archive (not timed)
bin/period-close --home "$home" jobs list >/dev/null

report="--home $home balances --as-of 2026-12-31"
results="$work/results.md"
run() { # name, then hyperfine's commands
    local name="$1"; shift
    echo "== $name"
    hyperfine -N --style basic -w "$WARMUP" -r "$RUNS" --export-markdown "$work/$name.md" "$@" 2>&1 | grep -v '^ *$'
    cat "$work/$name.md" >> "$results"
}

# 1. the server already running (lingering): the cost of the JVM and Spring alone
run lingering \
    "$jar --help" \
    "$jar $report" \
    "$jar --home $home jobs list" \
    "bin/period-close --help" \
    "bin/period-close $report" \
    "bin/period-close --home $home jobs list"

# 2. no server running: every command starts PostgreSQL and stops it again (the behaviour before the linger)
java -jar target/period-close.jar --home "$home" db stop >/dev/null
PERIOD_CLOSE_DB_LINGER=0 run cold-server \
    "$jar --help" \
    "$jar $report" \
    "bin/period-close $report"

echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== ratios to \`java -jar target/period-close.jar --help\` (mean wall time):"
# hyperfine writes each table in ms or in s (its header says which): every figure is turned into seconds
awk -F'|' '/Mean \[ms\]/ { scale=0.001 } /Mean \[s\]/ { scale=1 }
    /^\| `/ { name=$2; gsub(/^ +`|` +$/, "", name); mean=$3; gsub(/ /, "", mean); split(mean, m, "±");
    secs=m[1] * scale;
    if (name ~ /java -jar target\/period-close.jar --help$/) { base=secs } else if (base > 0) {
        printf "  %-80s %6.2f s  %5.2fx\n", name, secs, secs / base } }' "$results"
