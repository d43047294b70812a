#!/usr/bin/env bash
# Import benchmark: generates a data set, imports its sales lines through the import job and compares the speed
# with a plain PostgreSQL COPY of the same file into a table of the same shape, in the same run and database.
#
#   bench/import.sh [LINES] [DISTRIBUTORS]
#
# Defaults: LINES=2000000, DISTRIBUTORS=20000 (or the environment variables BENCH_LINES, BENCH_DISTRIBUTORS).
# Other environment variables:
#   BENCH_HEAP      the benchmark JVM's -Xmx (default 256m: the import must not need more)
#   BENCH_DIR       keep the data set and the embedded database there (default: a temporary directory, deleted)
#   BENCH_REIMPORT  false skips the second import of the same file (all rows unchanged)
#   BENCH_GC        the collector's options (default: those bin/period-close gives an import,
#                   -XX:+UseParallelGC -XX:NewRatio=1; BENCH_GC=" " for the JVM's default collector)
#   BENCH_JAVA_OPTS more JVM options, e.g. -Dperiod-close.import-chunk-size=5000
#   SPRING_DATASOURCE_URL (+ _USERNAME, _PASSWORD) an empty external PostgreSQL instead of the embedded one
set -euo pipefail

cd "$(dirname "$0")/.."

lines="${1:-${BENCH_LINES:-2000000}}"
distributors="${2:-${BENCH_DISTRIBUTORS:-20000}}"
heap="${BENCH_HEAP:-256m}"
classpath_file=target/bench-classpath.txt

# Build when anything in the sources or the build file is newer than the last build.
if [[ ! -f target/period-close.jar || ! -f target/test-classes/io/periodclose/bench/ImportBenchmark.class ]] \
    || [[ -n "$(find src pom.xml -newer target/period-close.jar -type f -print -quit)" ]]; then
    echo "bench: building" >&2
    mvn -q -B -DskipTests package
fi
if [[ ! -f "$classpath_file" || pom.xml -nt "$classpath_file" ]]; then
    mvn -q -B dependency:build-classpath -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=test
fi

# shellcheck disable=SC2086
exec java -Xmx"$heap" -Dfile.encoding=UTF-8 \
    -Dlogging.level.root=ERROR -Dperiod-close.db-linger=0 \
    -Dbench.dir="${BENCH_DIR:-}" -Dbench.reimport="${BENCH_REIMPORT:-true}" \
    ${BENCH_GC:--XX:+UseParallelGC -XX:NewRatio=1} ${BENCH_JAVA_OPTS:-} \
    -cp "target/test-classes:target/classes:$(cat "$classpath_file")" \
    io.periodclose.bench.ImportBenchmark "$lines" "$distributors"
