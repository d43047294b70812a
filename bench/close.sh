#!/usr/bin/env bash
# Benchmark of the quarter close against a plain set-based SQL script doing the same work (bench/close-baseline.sql),
# both timed in the same run on the same database. See bench/CLOSE.md.
#
#   bench/close.sh                                   20,000 distributors, 5,000,000 sales lines per quarter
#   DISTRIBUTORS=2000 LINES_PER_QUARTER=200000 bench/close.sh
#   STATEMENTS=skip LINES_PER_QUARTER=1000000 bench/close.sh
#   SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/close_bench SPRING_DATASOURCE_USERNAME=postgres bench/close.sh
#
# Environment: DISTRIBUTORS (default 20000), LINES_PER_QUARTER (default 5000000), CLAIMS (default = DISTRIBUTORS),
# HEAP (default 512m), JAVA_OPTS (more JVM options, e.g. a flight recording; the collector is bin/period-close's for
# `close`, ParallelGC, unless JAVA_OPTS names another), KEEP_HOME (set: keep the temporary home and its database), SPRING_DATASOURCE_URL (+ _USERNAME,
# _PASSWORD: an empty external PostgreSQL instead of a fresh embedded one), STATEMENTS=skip (stop each close after
# markClosed, before it renders any statement: the ledger steps are measured without rendering 20,000 statements
# twice), RULES=ladder (programmes and baseline without the early-payment and top-performer rules).
set -euo pipefail

cd "$(dirname "$0")/.."

export DISTRIBUTORS="${DISTRIBUTORS:-20000}"
export LINES_PER_QUARTER="${LINES_PER_QUARTER:-5000000}"
HEAP="${HEAP:-512m}"

if [[ ! -f target/period-close.jar || ! -f target/test-classes/io/periodclose/bench/CloseBenchmark.class ]] \
    || [[ -n "$(find src pom.xml -newer target/period-close.jar -print -quit)" ]]; then
    echo "Building (mvn package, tests skipped)..." >&2
    mvn -q -B -DskipTests package
fi
if [[ ! -f target/bench-classpath.txt || pom.xml -nt target/bench-classpath.txt ]]; then
    mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
fi

# The collector bin/period-close starts `close` on, unless JAVA_OPTS names one (e.g. -XX:+UseG1GC, `java -jar`'s).
gc=-XX:+UseParallelGC
[[ "${JAVA_OPTS:-}" == *"-XX:+Use"*"GC"* ]] && gc=
# shellcheck disable=SC2086 # JAVA_OPTS holds several options
exec java -Xmx"$HEAP" $gc ${JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    io.periodclose.bench.CloseBenchmark
