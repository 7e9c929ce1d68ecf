#!/usr/bin/env bash
# SIGKILL drill (bench/sigkill/SigkillDrill.java): how many answered requests an abrupt kill leaves out of the
# usage ledger, and how old the oldest of them was at the kill (the "lost window"), over several runs.
#
#   bench/sigkill.sh [--runs 5] [--clients 32] [--load-s 6] [--streams 0] [--router-opts "-Xmx512m ..."]
#
# Runs the compiled classes (target/classes, `./mvnw -o compile` first) with the runtime classpath Maven
# resolves; each run a fresh H2 data directory; the fake provider answers at once (the ledger is the bottleneck).
set -euo pipefail
cd "$(dirname "$0")/.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
cp_file=target/sigkill-classpath.txt
if [[ ! -s $cp_file || pom.xml -nt $cp_file ]]; then
  ./mvnw -q -B -o dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime >/dev/null
fi
router_cp="target/classes:$(cat "$cp_file")"
h2=$(tr ':' '\n' < "$cp_file" | grep '/h2-[0-9.]*\.jar$' | head -1)
exec java -cp "$h2" bench/sigkill/SigkillDrill.java --router-cp "$router_cp" --java "$JAVA_HOME/bin/java" "$@"
