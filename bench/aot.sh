#!/usr/bin/env bash
# Start-up to ready of the packaged router: the fat jar as is, and target/app/ (the extracted jar with the JDK's AOT
# cache, JEP 483/514/515, which `./mvnw package` trains on JDK 25+; see the pom's aot-cache profile).
#
#   bench/aot.sh measure [N] [--against OLD.jar]   N alternating rounds (default 5) of every variant; medians
#   bench/aot.sh run [java args...]                 start the packaged app with its cache (what the Docker image runs)
#
# Variants: `against` (another build's fat jar, e.g. main's before a change: `java -jar OLD.jar`), `fatjar`
# (`java -jar target/router4ai.jar`), `packaged` (`java -XX:AOTCache=target/app/router4ai.aot -jar target/app/router4ai.jar`).
# Each start-up: a fresh H2 data directory, ms from exec until /actuator/health answers with an overall "UP" (what
# every build serves; the probes' /actuator/health/readiness is UP at the same moment), the CPU time the JVM used until
# then (all threads: what other engineers' load cannot inflate much), RSS at ready, then the first
# and second request's time: a tenant and key through the admin API, then POST /v1/chat/completions (the mock
# upstream on :18080 when it is up, otherwise a connection refused: 503 after the whole pipeline either way).
# The machine's load average is printed with the medians: on a shared machine, compare rounds of one run only.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
JAR="$REPO/target/router4ai.jar"
APP="$REPO/target/app"
PORT=""
cmd="${1:-measure}"; shift || true

[ -f "$APP/router4ai.aot" ] || (cd "$REPO" && ./mvnw -q -B -DskipTests package)

PID=""; DATA=""; LOGS="$(mktemp -d /tmp/router4ai-aot-logs.XXXXXX)"
cleanup() { [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null && { kill -TERM "$PID"; wait "$PID" 2>/dev/null || true; }; [ -n "$DATA" ] && rm -rf "$DATA"; true; }
trap cleanup EXIT
trap 'exit 143' INT TERM

TICK=$(getconf CLK_TCK)
# CPU time (user + system, all threads) the process has used so far, in ms: unlike wall time, barely moved by other load.
cpu_ms() { awk -v t="$TICK" '{print int(($14 + $15) * 1000 / t)}' "/proc/$1/stat"; }

# A port nothing listens on, fresh for every start: other engineers' routers on this machine answer health checks too.
free_port() {
  local p
  while :; do
    p=$(( 20000 + RANDOM % 40000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}

# start_ready LOG java-args... -> prints "ready_ms rss_kb cpu_ms"; leaves PID running
start_ready() {
  local log=$1; shift
  PORT=$(free_port)
  DATA="$(mktemp -d /tmp/router4ai-aot-data.XXXXXX)"
  local t0; t0=$(date +%s%N)
  PORT=$PORT ROUTER_DATA_DIR="$DATA" OPENAI_BASE_URL=http://127.0.0.1:18080/v1 OPENAI_API_KEY=sk-aot ROUTER_ADMIN_TOKEN=aot-admin \
    "$JAVA" "$@" >"$log" 2>&1 &
  PID=$!
  for _ in $(seq 6000); do
    if curl -sS -m 1 "http://127.0.0.1:$PORT/actuator/health" 2>/dev/null | grep -q '^{"status":"UP"'; then
      echo "$(( ($(date +%s%N) - t0) / 1000000 )) $(awk '/^VmRSS/{print $2}' "/proc/$PID/status") $(cpu_ms "$PID")"; return 0
    fi
    kill -0 "$PID" 2>/dev/null || { echo "exited: see $log" >&2; return 1; }
    sleep 0.02
  done
  echo "not ready in 120 s" >&2; return 1
}
stop() { [ -n "$PID" ] && { kill -TERM "$PID" 2>/dev/null; wait "$PID" 2>/dev/null || true; }; PID=""; rm -rf "$DATA"; DATA=""; }

# first_requests -> prints "first_ms second_ms" of a chat completion right after ready
first_requests() {
  local base="http://127.0.0.1:$PORT" h=(-H "Authorization: Bearer aot-admin" -H 'Content-Type: application/json') t k
  t=$(curl -fsS "${h[@]}" "$base/admin/v1/tenants" -d '{"name":"aot","email":"aot@x.invalid"}' | sed 's/.*"id":"\([^"]*\)".*/\1/')
  k=$(curl -fsS "${h[@]}" "$base/admin/v1/tenants/$t/keys" -d '{"name":"aot"}' | sed 's/.*"key":"\([^"]*\)".*/\1/')
  local out=()
  for _ in 1 2; do
    out+=("$(curl -sS -o /dev/null -w '%{time_total}' "$base/v1/chat/completions" -H "Authorization: Bearer $k" \
      -H 'Content-Type: application/json' -d '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}' \
      | awk '{printf "%d", $1 * 1000}')")
  done
  echo "${out[*]}"
}

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }

measure() {
  local n=5 against=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --against) against="$2"; shift 2;;
      *) n="$1"; shift;;
    esac
  done
  local names=(fatjar packaged)
  [ -n "$against" ] && names=(against "${names[@]}")
  declare -A R C F S
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  for i in $(seq "$n"); do
    for v in "${names[@]}"; do
      local args
      case "$v" in
        against) args=(-jar "$against");;
        fatjar) args=(-jar "$JAR");;
        packaged) args=(-XX:AOTCache="$APP/router4ai.aot" -jar "$APP/router4ai.jar");;
      esac
      local r="fail 0 0" f="- -"
      if start_ready "$LOGS/$v.log" "${args[@]}" >"$LOGS/.last"; then r=$(cat "$LOGS/.last"); f=$(first_requests); fi
      stop
      local ready rss cpu; read -r ready rss cpu <<<"$r"
      echo "round $i  $(printf '%-9s' "$v")  ready $ready ms  cpu $cpu ms  rss $(( rss / 1024 )) MiB  first chat ${f% *} ms, second ${f#* } ms  (load $(cut -d' ' -f1 /proc/loadavg))"
      R[$v]+="$ready "; C[$v]+="$cpu "; F[$v]+="${f% *} "; S[$v]+="${f#* } "
    done
  done
  echo; echo "medians of $n alternating rounds, load average at the end $(cut -d' ' -f1-3 /proc/loadavg):"
  for v in "${names[@]}"; do
    echo "  $(printf '%-9s' "$v") ready $(echo "${R[$v]}" | median) ms   cpu to ready $(echo "${C[$v]}" | median) ms   first chat $(echo "${F[$v]}" | median) ms, second $(echo "${S[$v]}" | median) ms   (ready: ${R[$v]})"
  done
}

case "$cmd" in
  measure) measure "$@";;
  run) PORT="${PORT:-8080}"; exec "$JAVA" -XX:AOTCache="$APP/router4ai.aot" "$@" -jar "$APP/router4ai.jar";;
  *) echo "usage: bench/aot.sh measure [N] [--against OLD.jar] | run [java args]" >&2; exit 2;;
esac
