#!/usr/bin/env bash
# async-profiler (Maven Central: tools.profiler:async-profiler) attached to a running router through jcmd:
# CPU with kernel frames (perf_events, or itimer where perf is not allowed), or allocation (TLAB-exact).
#
#   bench/asprof.sh PID cpu|alloc SECONDS OUT.collapsed   profile for SECONDS (drive load meanwhile), write
#                                                         collapsed stacks, print bench/collapsed-top.py's summary
#   bench/asprof.sh PID start cpu|alloc                   start only (then: bench/asprof.sh PID stop OUT.collapsed)
#   bench/asprof.sh PID stop OUT.collapsed
#
# The library is downloaded once to ~/.cache/router4ai (version AP_VERSION, default 4.1). Attaching a native
# agent to a running JVM prints a warning in its log (JEP 451); nothing else changes in the router.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
AP_VERSION="${AP_VERSION:-4.1}"
LIB="$HOME/.cache/router4ai/async-profiler-$AP_VERSION/libasyncProfiler.so"
if [ ! -f "$LIB" ]; then
  mkdir -p "$(dirname "$LIB")"
  JAR="$(dirname "$LIB")/async-profiler.jar"
  curl -fsSL -o "$JAR" "https://repo.maven.apache.org/maven2/tools/profiler/async-profiler/$AP_VERSION/async-profiler-$AP_VERSION.jar"
  unzip -o -q -j "$JAR" linux-x64/libasyncProfiler.so -d "$(dirname "$LIB")"
fi
PID="$1"; shift
# jcmd splits its arguments at '=': the agent's options go in quotes
agent() { "$JAVA_HOME/bin/jcmd" "$PID" JVMTI.agent_load "$LIB" "\"$1\"" >/dev/null; }
event() { case "$1" in cpu) echo "event=cpu,interval=1ms";; alloc) echo "event=alloc";; *) echo "cpu|alloc" >&2; exit 2;; esac; }
case "$1" in
  start) agent "start,$(event "$2")";;
  stop) agent "stop,file=$(realpath -m "$2"),collapsed,total"; python3 "$REPO/bench/collapsed-top.py" "$2";;
  cpu|alloc) agent "start,$(event "$1")"; sleep "$2"; agent "stop,file=$(realpath -m "$3"),collapsed,total"
             python3 "$REPO/bench/collapsed-top.py" "$3";;
  *) awk 'NR>1 && /^#/{sub(/^# ?/,"");print;next} NR>1{exit}' "$0"; exit 2;;
esac
