#!/usr/bin/env bash
# Statements per second of the close's writeQuarterStatements step next to a raw render-and-write loop.
# See bench/README.md. Environment: DISTRIBUTORS (default 20000), SALES_LINES (20), WARMUP (renders per warm-up
# round, 1500), WARMUP_ROUNDS (at most, 20), GRID_SIZE (default: the number of cores), KEEP=1 keeps the temporary
# directory, BENCH_JAVA_OPTS extra JVM options (e.g. -XX:StartFlightRecording=filename=/tmp/stmt.jfr,settings=profile).
set -euo pipefail

cd "$(dirname "$0")/.."

export DISTRIBUTORS="${DISTRIBUTORS:-20000}"

if [[ ! -f target/period-close.jar || ! -d target/test-classes/io/periodclose/bench ]] \
    || [[ -n "$(find src pom.xml reports -newer target/period-close.jar -type f -print -quit)" ]]; then
    echo "building..." >&2
    mvn -q -B -DskipTests package >&2
fi
if [[ ! -f target/bench-classpath.txt || pom.xml -nt target/bench-classpath.txt ]]; then
    mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >&2
fi

exec java -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    io.periodclose.bench.StatementsBenchmark
