#!/usr/bin/env bash
# Statements per second of a whole `close` in a fresh JVM: the rate the first close of a process gets, JIT and
# template loading included (bench/statements.sh measures a warmed-up JVM). See bench/README.md.
#
#   bench/statements-fresh.sh                          2,000 distributors, embedded PostgreSQL, java -jar and bin/period-close
#   DISTRIBUTORS=20000 RUNS=2 bench/statements-fresh.sh
#   RENDER=1 COUNT=4000 bench/statements-fresh.sh      the renderer alone in a fresh JVM, no close (FreshRenderLoop)
#   EXTERNAL=1 bench/statements-fresh.sh               the server at PGHOST:PGPORT (127.0.0.1:5432), user PGUSER (postgres),
#                                                      scratch databases period_close_fresh_base and period_close_fresh_run
#
# The data set (`generate`, one year, 2026) is imported once (not timed) and copied for every run (the embedded
# home's files, or CREATE DATABASE ... TEMPLATE), so each run closes 2026-Q1 on the same books in a new JVM. The
# statements step's duration and the other steps' come from batch_step_execution.
#
# Environment: DISTRIBUTORS (2000), LINES_PER_QUARTER (20 per distributor), RUNS (1 per variant), VARIANTS (the
# launchers to compare, default "jar cds": jar = java -jar target/period-close.jar, cds = bin/period-close, the class
# archive; jar-c1 / cds-c1 = the same on the quick compiler only), JAVA_OPTS (extra JVM options for every close, e.g.
# -Xmx512m), JAR (default target/period-close.jar, built when older than the sources), JAR_BEFORE (the jar of an
# earlier build: the variant "before" closes with it, for a comparison in the same run), KEEP=1 keeps the temporary
# directory.
set -euo pipefail
cd "$(dirname "$0")/.."

DISTRIBUTORS="${DISTRIBUTORS:-2000}"
LINES_PER_QUARTER="${LINES_PER_QUARTER:-$((DISTRIBUTORS * 20))}"
RUNS="${RUNS:-1}"
VARIANTS="${VARIANTS:-jar cds}"
EXTERNAL="${EXTERNAL:-}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
BASE_DB=period_close_fresh_base
RUN_DB=period_close_fresh_run

JAR="${JAR:-target/period-close.jar}"
if [[ "$JAR" == target/period-close.jar ]] && { [[ ! -f "$JAR" ]] || [[ -n "$(find src pom.xml reports -newer "$JAR" -type f -print -quit)" ]]; }; then
    echo "building..." >&2
    mvn -q -B -ntp -DskipTests package >&2
fi
if [[ -n "${RENDER:-}" ]]; then
    # the renderer alone in a fresh JVM, no database: io.periodclose.bench.FreshRenderLoop (COUNT, THREADS, EVERY)
    mvn -q -B -ntp -DskipTests test-compile >&2
    if [[ ! -f target/bench-classpath.txt || pom.xml -nt target/bench-classpath.txt ]]; then
        mvn -q -B -ntp dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >&2
    fi
    echo "== $(date -u +%FT%TZ), $(nproc) cores, load average before: $(cut -d' ' -f1-3 /proc/loadavg); JAVA_OPTS=${JAVA_OPTS:-}"
    # shellcheck disable=SC2086 # JAVA_OPTS holds several options
    java -Xmx1g ${JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
        io.periodclose.bench.FreshRenderLoop 2> >(grep -v ' INFO ' >&2)
    echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
    exit 0
fi
JAR="$(realpath "$JAR")"
command -v psql >/dev/null || { echo "bench/statements-fresh.sh needs psql (apt-get install -y postgresql-client)" >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/period-close-fresh.XXXXXX")"
jar=(java -jar "$JAR")
stop_embedded() { # home
    [[ -d "$1/pgdata" ]] && PERIOD_CLOSE_DB_LINGER=0 "${jar[@]}" --home "$1" db stop >/dev/null 2>&1 || true
}
cleanup() {
    stop_embedded "$work/base"
    stop_embedded "$work/run"
    if [[ -n "$EXTERNAL" ]]; then
        psql -qX -d postgres -c "DROP DATABASE IF EXISTS $RUN_DB" -c "DROP DATABASE IF EXISTS $BASE_DB" >/dev/null 2>&1 || true
    fi
    [[ "${KEEP:-}" == 1 ]] && echo "kept $work" >&2 || rm -rf "$work"
}
trap cleanup EXIT
unset SPRING_DATASOURCE_URL SPRING_DATASOURCE_USERNAME SPRING_DATASOURCE_PASSWORD
export PERIOD_CLOSE_DB_LINGER=3m   # long enough for the queries after each close; its watcher leaves soon after

# psql against a run's database: the external scratch database, or the embedded server of a home (port from its
# postmaster.pid, the password from its db-password)
sql() { # home-or-db, query
    if [[ -n "$EXTERNAL" ]]; then
        psql -qAtX -d "$1" -c "$2"
    else
        PGPASSWORD="$(cat "$1/db-password")" \
            psql -qAtX -h localhost -p "$(sed -n 4p "$1/pgdata/postmaster.pid")" -U postgres -d postgres -c "$2"
    fi
}
with_db() { # db, command...: the command against an external database
    local db="$1"; shift
    if [[ -n "$EXTERNAL" ]]; then
        SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$db" SPRING_DATASOURCE_USERNAME="$PGUSER" \
            SPRING_DATASOURCE_PASSWORD="${PGPASSWORD:-}" "$@"
    else
        "$@"
    fi
}

echo "== $(date -u +%FT%TZ), $(nproc) cores, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== $DISTRIBUTORS distributors, $LINES_PER_QUARTER sales lines in 2026-Q1, $([[ -n "$EXTERNAL" ]] && echo "external server $PGHOST:$PGPORT" || echo "embedded server"); JAVA_OPTS=${JAVA_OPTS:-}"
"${jar[@]}" generate --distributors "$DISTRIBUTORS" --lines "$LINES_PER_QUARTER" --year 2026 --years 1 \
    --dir "$work/data" >/dev/null
if [[ -n "$EXTERNAL" ]]; then
    psql -qX -d postgres -c "DROP DATABASE IF EXISTS $RUN_DB" -c "DROP DATABASE IF EXISTS $BASE_DB" \
        -c "CREATE DATABASE $BASE_DB" >/dev/null
fi
for kind in distributors targets sales claims; do
    with_db "$BASE_DB" "${jar[@]}" --home "$work/base" --programs "$work/data/programs" \
        import "$kind" "$work/data/$kind.csv" >/dev/null 2>>"$work/import.log"
done
stop_embedded "$work/base"
# the launcher's first run unpacks the jar and records its class archive: not part of any timed close
if [[ "$VARIANTS" == *cds* ]]; then PERIOD_CLOSE_JAR="$JAR" bin/period-close --help >/dev/null; fi
echo "== imported (not timed); load average: $(cut -d' ' -f1-3 /proc/loadavg)"

launcher() { # variant -> the command that starts a close
    case "$1" in
        jar) echo "java ${JAVA_OPTS:-} -jar $JAR" ;;
        jar-c1) echo "java -XX:TieredStopAtLevel=1 ${JAVA_OPTS:-} -jar $JAR" ;;
        cds) echo "env PERIOD_CLOSE_JAR=$JAR JAVA_OPTS=${JAVA_OPTS:-} bin/period-close" ;;
        cds-c1) echo "env PERIOD_CLOSE_JAR=$JAR JAVA_OPTS=-XX:TieredStopAtLevel=1${JAVA_OPTS:+ $JAVA_OPTS} bin/period-close" ;;
        before) echo "java ${JAVA_OPTS:-} -jar ${JAR_BEFORE:?before needs JAR_BEFORE, the jar of an earlier build}" ;;
        *) echo "unknown variant $1 (jar, jar-c1, cds, cds-c1, before)" >&2; exit 2 ;;
    esac
}

printf '\n| variant | run | statements | step s | statements/s | other steps s | process wall s | user+sys CPU s | load average (start → end) |\n'
printf '|---|---:|---:|---:|---:|---:|---:|---:|---|\n'
for run in $(seq 1 "$RUNS"); do   # the variants in turn, so that a change of load hits each of them
    for variant in $VARIANTS; do
        if [[ -n "$EXTERNAL" ]]; then
            psql -qX -d postgres -c "DROP DATABASE IF EXISTS $RUN_DB" -c "CREATE DATABASE $RUN_DB TEMPLATE $BASE_DB" >/dev/null
            target="$RUN_DB"
        else
            stop_embedded "$work/run"
            rm -rf "$work/run" "$work/out"
            cp -a "$work/base" "$work/run"
            target="$work/run"
        fi
        rm -rf "$work/out"
        load_start="$(cut -d' ' -f1 /proc/loadavg)"
        # shellcheck disable=SC2046 # the launcher is several words
        with_db "$RUN_DB" /usr/bin/time -f '%e %U %S' -o "$work/time" $(launcher "$variant") --home "$work/run" \
            --programs "$work/data/programs" --out "$work/out" close --period 2026-Q1 --as-of 2026-04-02 \
            >"$work/close.out" 2>"$work/close.log" || { echo "close failed:" >&2; tail -30 "$work/close.log" >&2; exit 1; }
        load_end="$(cut -d' ' -f1 /proc/loadavg)"
        read -r wall user system <"$work/time"
        step="$(sql "$target" "SELECT EXTRACT(EPOCH FROM end_time - start_time) FROM batch_step_execution
                 WHERE step_name = 'writeQuarterStatements' ORDER BY step_execution_id DESC LIMIT 1")"
        others="$(sql "$target" "SELECT EXTRACT(EPOCH FROM SUM(end_time - start_time)) FROM batch_step_execution
                 WHERE step_name NOT LIKE 'writeQuarterStatements%' AND step_name NOT LIKE '%:%'
                   AND job_execution_id = (SELECT max(job_execution_id) FROM batch_step_execution)")"
        written="$(sql "$target" "SELECT count(*) FROM statement WHERE period = '2026-Q1' AND sha256 IS NOT NULL")"
        awk -v v="$variant" -v r="$run" -v n="$written" -v s="$step" -v o="$others" -v w="$wall" -v u="$user" \
            -v y="$system" -v a="$load_start" -v b="$load_end" \
            'BEGIN { printf "| %s | %d | %d | %.1f | **%.1f** | %.1f | %.1f | %.1f | %s → %s |\n", v, r, n, s, n / s, o, w, u + y, a, b }'
    done
done
echo
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
