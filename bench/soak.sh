#!/usr/bin/env bash
# Concurrent-streams soak: N streamed chat completions held open S seconds each, all at once, through the
# router (whole pipeline: real key, limiter, routing, _ram, ledger) against a slow upstream
# (bench/soak/slow-upstream.mjs). Counts errors and samples the router's RSS, threads and open fds.
#
#   bench/soak.sh [--streams 10000] [--hold 60] [--ramp 20] [--port 18480] [--upstream-port 18090]
#                 [--storage h2|pg-redis] [--warm-streams 2000] [--out DIR]
#   bench/soak.sh --streams 500 --hold 10 --ramp 5        # smoke
#   --warm-streams W: before the soak, W short streams (1 s each, ramped over 10 s) warm the JIT; 0 = none
#   environment: ROUTER_JAVA_OPTS (extra JVM flags), ROUTER_JFR=1 (JFR recording into OUT/router.jfr),
#                SOAK_HISTOGRAM=1 (class histogram of the live heap, all streams open, into OUT/histogram.txt)
#
# File descriptors: the router needs two sockets per stream (client side + upstream side), the client
# and the upstream one each. 10,000 streams need `ulimit -n` >= ~21,000 in every process: the script
# raises the soft limit to the hard one and refuses to start when that is too low (as root:
# `ulimit -Hn 65536` first, or LimitNOFILE= in a systemd unit).
# Result: OUT/soak.json (ok, errors by kind, peak open, TTFB, RSS/threads max, 1 s samples) and
# OUT/router.json (start-up, RSS at ready / peak, threads).
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
STREAMS=10000; HOLD=60; RAMP=20; WARM_STREAMS=2000; PORT=18480; UP_PORT=18090; STORAGE=h2; OUT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --streams) STREAMS="$2"; shift 2;;
    --hold) HOLD="$2"; shift 2;;
    --ramp) RAMP="$2"; shift 2;;
    --port) PORT="$2"; shift 2;;
    --upstream-port) UP_PORT="$2"; shift 2;;
    --storage) STORAGE="$2"; shift 2;;
    --warm-streams) WARM_STREAMS="$2"; shift 2;;
    --out) OUT="$2"; shift 2;;
    -h|--help) awk 'NR>1 && /^#/{sub(/^# ?/,"");print;next} NR>1{exit}' "$0"; exit 0;;
    *) echo "unknown option $1" >&2; exit 2;;
  esac
done
OUT="${OUT:-$REPO/bench/results/soak-$STREAMS-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$OUT/logs"; OUT="$(cd "$OUT" && pwd)"
say() { echo "[soak] $*" | tee -a "$OUT/run.log" >&2; }

ulimit -Sn "$(ulimit -Hn)" 2>/dev/null || true
NEED=$(( 2 * STREAMS + 1000 ))
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$NEED" ]; then
  say "ulimit -n is $(ulimit -n); $STREAMS streams need >= $NEED (two sockets per stream in the router). Raise the hard limit first."
  exit 2
fi

JAR="$REPO/target/router4ai.jar"
[ -f "$JAR" ] || (cd "$REPO" && ./mvnw -q -B -DskipTests package)

UP_PID=""; ROUTER_PID=""; DATA_DIR=""; SCHEMA=""
cleanup() {
  if [ -n "$ROUTER_PID" ] && kill -0 "$ROUTER_PID" 2>/dev/null; then
    kill -TERM "$ROUTER_PID"; for _ in $(seq 600); do kill -0 "$ROUTER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$ROUTER_PID" 2>/dev/null && kill -KILL "$ROUTER_PID"
  fi
  if [ -n "$UP_PID" ]; then
    kill "$UP_PID" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$UP_PID" 2>/dev/null || break; sleep 0.1; done
  fi
  [ -n "$SCHEMA" ] && psql -q -h 127.0.0.1 -U postgres -d test -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null 2>&1 || true
  [ -n "$DATA_DIR" ] && rm -rf "$DATA_DIR"
}
trap cleanup EXIT

# a previous soak's upstream may still be closing its thousands of sockets: wait for the port
for _ in $(seq 300); do ss -Htln "sport = :$UP_PORT" 2>/dev/null | grep -q . || break; sleep 0.1; done
node "$REPO/bench/soak/slow-upstream.mjs" --port "$UP_PORT" --hold "$HOLD" >"$OUT/logs/upstream.log" 2>&1 &
UP_PID=$!
for _ in $(seq 50); do curl -fsS "http://127.0.0.1:$UP_PORT/health" >/dev/null 2>&1 && break; sleep 0.1; done
kill -0 "$UP_PID" 2>/dev/null || { say "slow upstream did not start: $(tail -3 "$OUT/logs/upstream.log")"; exit 1; }

ADMIN_TOKEN="soak-admin-$RANDOM$RANDOM"
ENV=(PORT="$PORT" OPENAI_BASE_URL="http://127.0.0.1:$UP_PORT/v1" OPENAI_API_KEY=sk-soak ROUTER_ADMIN_TOKEN="$ADMIN_TOKEN")
ARGS=()
if [ "$STORAGE" = h2 ]; then
  DATA_DIR="$(mktemp -d /tmp/router4ai-soak-data.XXXXXX)"; ENV+=(ROUTER_DATA_DIR="$DATA_DIR")
  ARGS+=(--router.ratelimit.backend=local --router.cache.backend=local)
else
  SCHEMA="soak_$(date +%s)_$$"
  ENV+=(SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$SCHEMA" SPRING_DATASOURCE_USERNAME=postgres
        SPRING_DATASOURCE_PASSWORD="${PGPASSWORD:-}" SPRING_DATA_REDIS_URL=redis://127.0.0.1:6379)
  ARGS+=(--spring.flyway.schemas="$SCHEMA" --spring.flyway.create-schemas=true
         --router.ratelimit.redis-key-prefix="router4ai-soak-$SCHEMA:rl:" --router.cache.redis-key-prefix="router4ai-soak-$SCHEMA:cache:")
fi
JOPTS=(${ROUTER_JAVA_OPTS:-})
[ "${ROUTER_JFR:-0}" = 1 ] && JOPTS+=("-XX:StartFlightRecording=settings=profile,filename=$OUT/router.jfr,dumponexit=true")
T0=$(date +%s%N)
env "${ENV[@]}" "$JAVA" "${JOPTS[@]+"${JOPTS[@]}"}" -jar "$JAR" "${ARGS[@]}" >"$OUT/logs/router.log" 2>&1 &
ROUTER_PID=$!
READY_MS=""
for _ in $(seq 3000); do
  curl -fsS -m 1 "http://127.0.0.1:$PORT/actuator/health" 2>/dev/null | grep -q '"status":"UP"' && { READY_MS=$(( ($(date +%s%N) - T0) / 1000000 )); break; }
  kill -0 "$ROUTER_PID" 2>/dev/null || { say "router exited; see $OUT/logs/router.log"; exit 1; }
  sleep 0.02
done
[ -n "$READY_MS" ] || { say "router not UP after 60 s"; exit 1; }
RSS_READY=$(awk '/^VmRSS/{print $2}' "/proc/$ROUTER_PID/status")
say "router ready in $READY_MS ms, RSS $((RSS_READY / 1024)) MiB, pid $ROUTER_PID, fd limit $(awk '/Max open files/{print $4}' "/proc/$ROUTER_PID/limits")"

BASE="http://127.0.0.1:$PORT"
admin() { curl -fsS -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' "$@"; }
TENANT=$(admin "$BASE/admin/v1/tenants" -d '{"name":"soak","email":"soak@router4ai.invalid"}' | jq -r .id)
KEY=$(admin "$BASE/admin/v1/tenants/$TENANT/keys" -d '{"name":"soak"}' | jq -r .key)
admin -X PATCH "$BASE/admin/v1/tenants/$TENANT" -d '{"rate_limit_rps":100000,"rate_limit_burst":100000,"cache_enabled":false}' >/dev/null

if [ "$WARM_STREAMS" -gt 0 ]; then
  say "warm-up: $WARM_STREAMS streams of 1 s over 10 s"
  node "$REPO/bench/soak/soak.mjs" --url "$BASE/v1/chat/completions" --key "$KEY" --streams "$WARM_STREAMS" \
    --ramp 10 --hold 1 --hold-ms 1000 --out "$OUT/warm.json" >"$OUT/logs/warm.log" 2>&1 || say "warm-up had errors: $(tail -1 "$OUT/logs/warm.log")"
  sleep 2
fi
say "$STREAMS streams, ${HOLD}s each, ramp ${RAMP}s"
if [ "${SOAK_HISTOGRAM:-0}" = 1 ]; then
  # once every stream is open (end of the ramp + a third of the hold): what each open stream keeps alive
  ( sleep $(( RAMP + HOLD / 3 )); "$JAVA_HOME/bin/jcmd" "$ROUTER_PID" GC.class_histogram >"$OUT/histogram.txt" 2>&1 ) &
fi
set +e
node "$REPO/bench/soak/soak.mjs" --url "$BASE/v1/chat/completions" --key "$KEY" --streams "$STREAMS" \
  --ramp "$RAMP" --hold "$HOLD" --pid "$ROUTER_PID" --out "$OUT/soak.json" 2>"$OUT/logs/soak-samples.log"
RC=$?
set -e
HWM=$(awk '/^VmHWM/{print $2}' "/proc/$ROUTER_PID/status")
jq -n --argjson ready_ms "$READY_MS" --argjson rss_ready_kb "$RSS_READY" --argjson rss_peak_kb "$HWM" \
  --arg java_opts "${JOPTS[*]:-}" --arg storage "$STORAGE" \
  '{storage:$storage, startup_to_ready_ms:$ready_ms, rss_ready_kb:$rss_ready_kb, rss_peak_kb:$rss_peak_kb, java_opts:$java_opts}' >"$OUT/router.json"
say "router: $(jq -c . "$OUT/router.json")"
say "result: $OUT/soak.json (exit $RC)"
exit $RC
