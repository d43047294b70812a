#!/usr/bin/env bash
# Remote partitioning's cost: the same close (with statements) run `local` (threads of one process) and `remote`
# (a manager and two worker processes on this machine, RabbitMQ in between), each on its own copy of the same
# imported data in the machine's PostgreSQL. Prints each step's seconds from the job repository, the ratio
# local/remote of the statements step (1.0 = the transport costs nothing), the partition requests sent, and the
# database transactions per partition. See bench/README.md.
#
#   bench/remote.sh                      2,000 and 20,000 distributors
#   SIZES="500 5000" bench/remote.sh
#
# Environment: SIZES (distributors per run, default "2000 20000"), LINES_PER_DISTRIBUTOR (sales lines per quarter,
# default 10), WARM=1 closes a second quarter with the workers warmed up, KEEP=1 keeps the databases, RabbitMQ from SPRING_RABBITMQ_* (default
# 127.0.0.1:5672 guest/guest). Run it alone on the machine: both modes share its cores.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES="${SIZES:-2000 20000}"
LINES_PER_DISTRIBUTOR="${LINES_PER_DISTRIBUTOR:-10}"
PG_HOST=127.0.0.1 PG_PORT=5432 PG_USER=postgres
JDBC="jdbc:postgresql://$PG_HOST:$PG_PORT"
psql_() { psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -v ON_ERROR_STOP=1 -Atq "$@"; }

if [[ ! -f target/period-close.jar ]] || [[ -n "$(find src pom.xml reports -newer target/period-close.jar -type f -print -quit)" ]]; then
    echo "building..." >&2
    mvn -q -B -DskipTests package >&2
fi

WORK="$(mktemp -d)"
WORKERS=()
cleanup() {
    for pid in "${WORKERS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    if [[ -n "${KEEP:-}" ]]; then echo "kept: $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

pc() { # pc DATABASE MODE ARGS...: the command line on that database, in that mode
    local db="$1" mode="$2"; shift 2
    SPRING_DATASOURCE_URL="$JDBC/$db" SPRING_DATASOURCE_USERNAME="$PG_USER" PERIOD_CLOSE_PARTITIONING="$mode" \
        java -Xmx1g -jar target/period-close.jar --home "$WORK/home" --programs jobs/programs "$@"
}

worker() { # worker DATABASE N: a worker process in the background; exec, so that $! is the JVM itself
    SPRING_DATASOURCE_URL="$JDBC/$1" SPRING_DATASOURCE_USERNAME="$PG_USER" PERIOD_CLOSE_PARTITIONING=remote \
        exec java -Xmx1g -jar target/period-close.jar --home "$WORK/home" --programs jobs/programs worker --threads 1 \
        >"$WORK/worker$2.log" 2>&1
}

transactions() { psql_ -d postgres -c "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = '$1'"; }

steps() { # the seconds of each step of the newest close, partitions summed under their step
    psql_ -d "$1" -F ' ' -c "
        SELECT step_name, round(extract(epoch FROM end_time - start_time)::numeric, 2)
          FROM batch_step_execution
         WHERE job_execution_id = (SELECT max(job_execution_id) FROM batch_job_execution)
           AND step_name NOT LIKE '%:partition%' ORDER BY step_execution_id"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); cores: $(nproc)"
for size in $SIZES; do
    base="period_close_bench_$size"
    echo
    echo "== $size distributors, $((size * LINES_PER_DISTRIBUTOR)) sales lines per quarter"
    for db in "$base" "${base}_local" "${base}_remote"; do
        psql_ -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
    done
    psql_ -d postgres -c "CREATE DATABASE $base"
    pc "$base" local generate --distributors "$size" --lines "$((size * LINES_PER_DISTRIBUTOR))" --year 2025 \
        --years 1 --dir "$WORK/data" >/dev/null
    for kind in distributors targets sales claims; do
        pc "$base" local import "$kind" "$WORK/data/$kind.csv" >/dev/null
    done
    psql_ -d postgres -c "CREATE DATABASE ${base}_local TEMPLATE $base"
    psql_ -d postgres -c "CREATE DATABASE ${base}_remote TEMPLATE $base"

    before=$(transactions "${base}_local")
    pc "${base}_local" local --out "$WORK/out-local" close --period 2025-Q1 --as-of 2025-04-05 >/dev/null
    local_transactions=$(( $(transactions "${base}_local") - before ))

    WORKERS=()
    for n in 1 2; do
        worker "${base}_remote" "$n" &
        WORKERS+=($!)
    done
    until grep -q "takes partitions" "$WORK/worker1.log" && grep -q "takes partitions" "$WORK/worker2.log"; do sleep 0.2; done
    before=$(transactions "${base}_remote")
    pc "${base}_remote" remote --out "$WORK/out-remote" close --period 2025-Q1 --as-of 2025-04-05 \
        >"$WORK/manager.log" 2>&1
    remote_transactions=$(( $(transactions "${base}_remote") - before ))
    local_steps=$(steps "${base}_local")
    remote_steps=$(steps "${base}_remote")
    warm=""
    if [[ -n "${WARM:-}" ]]; then
        # the next quarter: the workers have warmed up (JIT) on the first one; the local close is a fresh JVM as
        # always, so this ratio favours remote by the local JVM's warm-up
        pc "${base}_local" local --out "$WORK/out-local" close --period 2025-Q2 --as-of 2025-07-05 >/dev/null
        pc "${base}_remote" remote --out "$WORK/out-remote" close --period 2025-Q2 --as-of 2025-07-05 \
            >>"$WORK/manager.log" 2>&1
        wl=$(steps "${base}_local" | awk '$1 == "writeQuarterStatements" {print $2}')
        wr=$(steps "${base}_remote" | awk '$1 == "writeQuarterStatements" {print $2}')
        warm="next quarter, workers warm: statements $wl s local (fresh JVM), $wr s remote; ratio $(echo "scale=2; $wl / $wr" | bc)"
    fi
    for pid in "${WORKERS[@]}"; do kill "$pid"; done
    wait "${WORKERS[@]}" 2>/dev/null || true
    WORKERS=()

    # the first quarter's (the one timed above)
    partitions=$(psql_ -d "${base}_remote" -c "SELECT count(*) FROM partition_claim WHERE worker IS NOT NULL
        AND job_execution_id = (SELECT min(job_execution_id) FROM partition_claim)")
    local_partitions=$(psql_ -d "${base}_local" -c "SELECT count(*) FROM batch_step_execution WHERE step_name LIKE '%:partition%'
        AND job_execution_id = (SELECT min(job_execution_id) FROM batch_step_execution WHERE step_name LIKE '%:partition%')")
    sent=$(grep -o '[0-9]* partitions sent' "$WORK/manager.log" | awk '{s += $1} END {print s + 0}')
    resent=$(grep -c 'sending it again' "$WORK/manager.log" || true)
    per_worker=$(psql_ -d "${base}_remote" -F ' ' -c "SELECT worker, count(*) FROM partition_claim WHERE worker IS NOT NULL
        AND job_execution_id = (SELECT min(job_execution_id) FROM partition_claim) GROUP BY 1 ORDER BY 1" | awk '{print $2}' | paste -sd/)
    same=$(diff <(psql_ -d "${base}_local" -c "SELECT account, distributor_code, sum(credit - debit) FROM ledger_line GROUP BY 1, 2 ORDER BY 1, 2") \
                <(psql_ -d "${base}_remote" -c "SELECT account, distributor_code, sum(credit - debit) FROM ledger_line GROUP BY 1, 2 ORDER BY 1, 2") >/dev/null && echo yes || echo NO)

    echo "step                      local s  remote s"
    join <(echo "$local_steps" | nl -w1 -s' ' | awk '{print $1"_"$2, $3}') \
         <(echo "$remote_steps" | nl -w1 -s' ' | awk '{print $1"_"$2, $3}') \
        | sed 's/^[0-9]*_//' | awk '{printf "%-24s %8s %9s\n", $1, $2, $3}'
    l=$(echo "$local_steps" | awk '$1 == "writeQuarterStatements" {print $2}')
    r=$(echo "$remote_steps" | awk '$1 == "writeQuarterStatements" {print $2}')
    echo "statements: $size in ${l} s local, ${r} s remote; ratio local/remote $(echo "scale=2; $l / $r" | bc)"
    echo "statements/s: local $(echo "$size / $l" | bc), remote $(echo "$size / $r" | bc)"
    echo "partitions: remote $partitions (per worker $per_worker), local $local_partitions; requests sent $sent, re-sent $resent"
    echo "database transactions: local $local_transactions ($(( local_transactions / local_partitions )) per partition)," \
         "remote $remote_transactions ($(( remote_transactions / partitions )) per partition);" \
         "the remote mode's extra: $(( (remote_transactions - local_transactions) / partitions )) per partition"
    echo "books equal: $same"
    if [[ -n "$warm" ]]; then echo "$warm"; fi
    if [[ -z "${KEEP:-}" ]]; then
        for db in "$base" "${base}_local" "${base}_remote"; do
            psql_ -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
        done
    fi
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
