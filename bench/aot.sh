#!/usr/bin/env bash
# Start-up to ready of the router jar, and JDK 25's AOT cache (JEP 483/514/515) / AppCDS to shorten it.
#
#   bench/aot.sh train [onrefresh|full]   build the caches under target/aot/ (default: onrefresh)
#   bench/aot.sh measure [N]              N alternating start-ups of every variant (default 3); medians
#   bench/aot.sh run [java args...]       start the router with the AOT cache (what to put in production)
#
# Recipe (what `train` does):
#   1. extract the fat jar (the AOT cache and CDS need plain jars on the class path, not nested ones):
#        java -Djarmode=tools -jar target/router4ai.jar extract --destination target/aot/app
#   2. training run, writing the cache at exit (JDK 25 one-step, JEP 514):
#        java -XX:AOTCacheOutput=target/aot/app.aot -Dspring.context.exit=onRefresh -jar target/aot/app/router4ai.jar
#      onrefresh: Spring stops right after the context refresh (beans created, Camel routes built, nothing
#      served); "full" instead starts it completely, sends a few requests to the mock upstream (if up on
#      :18080), stops it with SIGTERM, and the cache is written at exit (also profiles, JEP 515).
#   3. production start:  java -XX:AOTCache=target/aot/app.aot -jar target/aot/app/router4ai.jar
#      The cache is only valid for the same JDK build and the same jars: re-train after every build.
#   AppCDS (older JDKs' way, for comparison): -XX:ArchiveClassesAtExit=app.jsa on a training run,
#      then -XX:SharedArchiveFile=app.jsa.
# Variants measured: fat jar as is; extracted jar; extracted + AppCDS; extracted + AOT cache;
# extracted + AOT cache + -XX:TieredStopAtLevel=1 (start-up only: C1 alone costs steady-state CPU, never serve with it).
# Each start-up: a fresh H2 dir, a free port, ms from exec to /actuator/health UP; RSS at ready.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
JAR="$REPO/target/router4ai.jar"
AOT="$REPO/target/aot"
APP="$AOT/app/router4ai.jar"
PORT="${AOT_PORT:-18490}"
cmd="${1:-measure}"; shift || true

[ -f "$JAR" ] || (cd "$REPO" && ./mvnw -q -B -DskipTests package)

PID=""; DATA=""
cleanup() { [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null && { kill -TERM "$PID"; wait "$PID" 2>/dev/null || true; }; [ -n "$DATA" ] && rm -rf "$DATA"; true; }
trap cleanup EXIT

# start_ready LOG java-args... -> prints "ready_ms rss_kb"; leaves PID running
start_ready() {
  local log=$1; shift
  DATA="$(mktemp -d /tmp/router4ai-aot-data.XXXXXX)"
  local t0; t0=$(date +%s%N)
  PORT=$PORT ROUTER_DATA_DIR="$DATA" OPENAI_BASE_URL=http://127.0.0.1:18080/v1 OPENAI_API_KEY=sk-aot ROUTER_ADMIN_TOKEN=aot-admin \
    "$JAVA" "$@" >"$log" 2>&1 &
  PID=$!
  for _ in $(seq 3000); do
    if curl -fsS -m 1 "http://127.0.0.1:$PORT/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; then
      echo "$(( ($(date +%s%N) - t0) / 1000000 )) $(awk '/^VmRSS/{print $2}' "/proc/$PID/status")"; return 0
    fi
    kill -0 "$PID" 2>/dev/null || { echo "exited: see $log" >&2; return 1; }
    sleep 0.02
  done
  echo "not ready in 60 s" >&2; return 1
}
stop() { [ -n "$PID" ] && { kill -TERM "$PID" 2>/dev/null; wait "$PID" 2>/dev/null || true; }; PID=""; rm -rf "$DATA"; DATA=""; }

train() {
  local mode="${1:-onrefresh}"
  rm -rf "$AOT"; mkdir -p "$AOT"
  "$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$AOT/app" >/dev/null
  echo "extracted to $AOT/app"
  DATA="$(mktemp -d /tmp/router4ai-aot-data.XXXXXX)"
  if [ "$mode" = onrefresh ]; then
    local t0; t0=$(date +%s%N)
    PORT=$PORT ROUTER_DATA_DIR="$DATA" OPENAI_BASE_URL=http://127.0.0.1:18080/v1 OPENAI_API_KEY=sk-aot \
      "$JAVA" -XX:AOTCacheOutput="$AOT/app.aot" -Dspring.context.exit=onRefresh -jar "$APP" >"$AOT/train-aot.log" 2>&1 || true
    echo "AOT training (onRefresh) took $(( ($(date +%s%N) - t0) / 1000000 )) ms"
    rm -rf "$DATA"; DATA="$(mktemp -d /tmp/router4ai-aot-data.XXXXXX)"
    PORT=$PORT ROUTER_DATA_DIR="$DATA" OPENAI_BASE_URL=http://127.0.0.1:18080/v1 OPENAI_API_KEY=sk-aot \
      "$JAVA" -XX:ArchiveClassesAtExit="$AOT/app.jsa" -Dspring.context.exit=onRefresh -jar "$APP" >"$AOT/train-cds.log" 2>&1 || true
  else
    rm -rf "$DATA"; DATA=""
    start_ready "$AOT/train-aot.log" -XX:AOTCacheOutput="$AOT/app.aot" -jar "$APP" >/dev/null
    exercise; stop
    start_ready "$AOT/train-cds.log" -XX:ArchiveClassesAtExit="$AOT/app.jsa" -jar "$APP" >/dev/null
    exercise; stop
  fi
  rm -rf "$DATA"; DATA=""
  ls -la "$AOT"/app.aot "$AOT"/app.jsa 2>/dev/null || { echo "no cache written; see $AOT/train-*.log" >&2; exit 1; }
}

# A few real requests (tenant, key, non-streamed and streamed chat) so the training sees the request path too.
exercise() {
  local base="http://127.0.0.1:$PORT" h=(-H "Authorization: Bearer aot-admin" -H 'Content-Type: application/json')
  local t k; t=$(curl -fsS "${h[@]}" "$base/admin/v1/tenants" -d '{"name":"aot","email":"aot@x.invalid"}' | jq -r .id) || return 0
  k=$(curl -fsS "${h[@]}" "$base/admin/v1/tenants/$t/keys" -d '{"name":"aot"}' | jq -r .key) || return 0
  curl -fsS -o /dev/null "${h[@]}" "$base/admin/v1/tenants/$t" -X PATCH -d '{"rate_limit_rps":10000,"rate_limit_burst":10000,"cache_enabled":false}' || true
  if curl -fsS -o /dev/null http://127.0.0.1:18080/health 2>/dev/null; then
    for _ in $(seq 200); do
      curl -fsS -o /dev/null "$base/v1/chat/completions" -H "Authorization: Bearer $k" -H 'Content-Type: application/json' \
        -d '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}' || true
      curl -fsS -o /dev/null "$base/v1/chat/completions" -H "Authorization: Bearer $k" -H 'Content-Type: application/json' \
        -d '{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"hi"}]}' || true
    done
  else
    echo "(mock upstream not on :18080: training without chat requests)" >&2
  fi
}

measure() {
  local n="${1:-3}"
  [ -f "$AOT/app.aot" ] || train onrefresh
  local names=(fatjar extracted appcds aot aot+C1)
  declare -A R
  for i in $(seq "$n"); do
    for v in "${names[@]}"; do
      local args
      case "$v" in
        fatjar) args=(-jar "$JAR");;
        extracted) args=(-jar "$APP");;
        appcds) args=(-XX:SharedArchiveFile="$AOT/app.jsa" -jar "$APP");;
        aot) args=(-XX:AOTCache="$AOT/app.aot" -jar "$APP");;
        aot+C1) args=(-XX:AOTCache="$AOT/app.aot" -XX:TieredStopAtLevel=1 -jar "$APP");;
      esac
      local r="fail 0"
      if start_ready "$AOT/measure-$v.log" "${args[@]}" >"$AOT/.last"; then r=$(cat "$AOT/.last"); fi
      local started; started=$(sed -n 's/.*Started Router4aiApplication in \([0-9.]*\) seconds.*/\1/p' "$AOT/measure-$v.log" | head -1)
      stop
      echo "round $i  $(printf '%-10s' "$v")  ready ${r% *} ms  rss $(( ${r#* } / 1024 )) MiB  (Spring: started in ${started:-?} s)"
      R[$v]+="${r% *} "
    done
  done
  echo; echo "median start-up to ready (ms), $n rounds, load average $(cut -d' ' -f1-3 /proc/loadavg):"
  for v in "${names[@]}"; do
    echo "  $(printf '%-10s' "$v") $(echo ${R[$v]} | tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')   (all: ${R[$v]})"
  done
}

case "$cmd" in
  train) train "${1:-onrefresh}";;
  measure) measure "${1:-3}";;
  run) [ -f "$AOT/app.aot" ] || train onrefresh; exec "$JAVA" -XX:AOTCache="$AOT/app.aot" "$@" -jar "$APP";;
  *) echo "usage: bench/aot.sh train [onrefresh|full] | measure [N] | run [java args]" >&2; exit 2;;
esac
