#!/usr/bin/env bash
# JMH microbenchmarks of the hot path (src/test/java/app/router4ai/bench/*Benchmark; surefire never runs them).
#
#   bench/jmh.sh                         all benchmarks, quick settings (-f 1 -wi 3 -i 5 -w 1s -r 1s)
#   bench/jmh.sh Auth                    only classes/methods matching a regex
#   bench/jmh.sh -f 2 -wi 5 -i 10 Stream any JMH options (bench/jmh.sh -h lists them); -prof gc for allocation/op
#
# Compiles the test sources (JMH's annotation processor generates the harness), writes the test classpath
# once to target/jmh.classpath, then runs org.openjdk.jmh.Main in a plain JVM (JMH forks from it; under
# exec:java it could not fork with the right classpath). Results: text on stdout + target/jmh-result.json.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh.classpath >/dev/null
CP="target/test-classes:target/classes:$(cat target/jmh.classpath)"
ARGS=("$@")
# Defaults unless the caller gave their own iteration settings.
if ! printf '%s\n' "${ARGS[@]+"${ARGS[@]}"}" | grep -qE '^-(f|wi|i|w|r)$'; then
  ARGS=(-f 1 -wi 3 -i 5 -w 1s -r 1s "${ARGS[@]+"${ARGS[@]}"}")
fi
exec "$JAVA_HOME/bin/java" -cp "$CP" org.openjdk.jmh.Main -rf json -rff target/jmh-result.json "${ARGS[@]}"
