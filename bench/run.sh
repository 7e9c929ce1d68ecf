#!/usr/bin/env bash
# Router4AI under the shared side-by-side kit (../shared/bench): direct mock vs Portkey vs this router,
# whole pipeline on (real API key through the admin API, per-tenant GCRA limiter, tier routing, _ram, ledger).
#
#   bench/run.sh [options] [-- extra options for the kit's run.sh]
#     --storage h2|pg-redis   h2 (default): embedded H2 in a fresh temp dir, in-process limiter.
#                             pg-redis: PostgreSQL 127.0.0.1:5432 db test user postgres, a fresh schema
#                             (dropped afterwards) + Redis 127.0.0.1:6379 under a fresh key prefix (deleted afterwards)
#     --latency 0|50          mock latency; the router's OPENAI_BASE_URL follows (18080 or 18081)
#     --rounds N              interleaved rounds of the kit (default 3)
#     --port P                router port (default 18480)
#     --warm S                router warm-up before the kit, seconds of mixed load (default 20; JIT needs it)
#     --bare                  measure the stack's floor instead: the same jar and settings plus one bare Camel route
#                             (bench/bare-proxy.yaml: platform-http -> http to the mock, none of the pipeline), driven
#                             by the kit as target "bare-camel" (sanity check without _ram; the tenant is still made)
#     --cache                 leave the response cache on (default: off for the bench tenant, the kit's body
#                             has temperature 0 and would otherwise be answered from the cache)
#     --out DIR               results (default bench/results/<storage>-<timestamp>)
#     --smoke                 a few seconds only: --rounds 1, --warm 3, kit: --duration 4 --max-duration 3
#                             --warmup 2 --settle-max 5 --quiet-wait 2 --rates "300" --stream-rates "100"
#   environment:
#     ROUTER_JAVA_OPTS        extra JVM flags (e.g. "-Xmx512m")
#     ROUTER_JAR              the jar to run (default target/router4ai.jar). The packaged app with its AOT cache:
#                             ROUTER_JAR=target/app/router4ai.jar ROUTER_JAVA_OPTS=-XX:AOTCache=target/app/router4ai.aot
#     ROUTER_JFR=1            record the router with JFR (settings=profile: CPU samples every 10 ms + allocation
#                             samples) from the end of the warm-up to the end of the kit (steady state only, via
#                             jcmd JFR.start/JFR.stop) into OUT/router.jfr; then writes OUT/jfr-hot-methods.txt,
#                             OUT/jfr-allocation-by-class.txt, OUT/jfr-allocation-by-site.txt and OUT/jfr-top.txt
#                             (bench/jfr-top.py: self / inclusive / per step). Overhead: a few % CPU.
#     ROUTER_JFR_OPTS         record from JVM start instead, with this -XX:StartFlightRecording value
#                             (e.g. "settings=profile,filename=/tmp/x.jfr,dumponexit=true": includes start-up)
#     BENCH_KIT               the kit to copy (default ../shared/bench next to the repo)
#     BENCH_KIT_COPY          where the writable copy lives (default /tmp/router4ai-bench-kit; reused, keeps node_modules)
#     MOCK_PORT, MOCK_SLOW_PORT, BENCH_RUN_DIR
#                             the kit's mock ports (18080, 18081) and run directory: others let a bench run beside
#                             another one without sharing (and stopping) its mock
#
# Writes OUT/router.json (startup-to-ready ms, RSS, threads, ledger backlog), OUT/samples.tsv (1 s samples
# of RSS, threads, ledger backlog), OUT/logs/router.log, and the kit's results under OUT/kit (summary.md).
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"

STORAGE=h2; LATENCY=0; ROUNDS=3; PORT=18480; WARM=20; CACHE=0; BARE=0; OUT=""; SMOKE=0; KIT_ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --storage) STORAGE="$2"; shift 2;;
    --latency) LATENCY="$2"; shift 2;;
    --rounds) ROUNDS="$2"; shift 2;;
    --port) PORT="$2"; shift 2;;
    --warm) WARM="$2"; shift 2;;
    --cache) CACHE=1; shift;;
    --bare) BARE=1; shift;;
    --out) OUT="$2"; shift 2;;
    --smoke) SMOKE=1; shift;;
    --) shift; KIT_ARGS+=("$@"); break;;
    -h|--help) awk 'NR>1 && /^#/{sub(/^# ?/,"");print;next} NR>1{exit}' "$0"; exit 0;;
    *) echo "unknown option $1 (kit options go after --)" >&2; exit 2;;
  esac
done
case "$STORAGE" in h2|pg-redis) ;; *) echo "--storage h2|pg-redis" >&2; exit 2;; esac
case "$LATENCY" in 0) UP_PORT=${MOCK_PORT:-18080};; 50) UP_PORT=${MOCK_SLOW_PORT:-18081};; *) echo "--latency 0|50" >&2; exit 2;; esac
if [ "$SMOKE" = 1 ]; then
  ROUNDS=1; WARM=3
  KIT_ARGS=(--duration 4 --max-duration 3 --warmup 2 --settle-max 5 --quiet-wait 2 --rates "300" --stream-rates "100" "${KIT_ARGS[@]+"${KIT_ARGS[@]}"}")
fi
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="${OUT:-$REPO/bench/results/$STORAGE-$STAMP}"
mkdir -p "$OUT/logs"
OUT="$(cd "$OUT" && pwd)"
say() { echo "[bench] $*" | tee -a "$OUT/run.log" >&2; }
command -v jq >/dev/null || { echo "missing jq" >&2; exit 1; }

# ------------------------------------------------------------------ the kit (read-only: work on a copy)
KIT_SRC="${BENCH_KIT:-$REPO/../shared/bench}"
KIT="${BENCH_KIT_COPY:-/tmp/router4ai-bench-kit}"
[ -x "$KIT_SRC/run.sh" ] || { echo "no bench kit at $KIT_SRC (set BENCH_KIT)" >&2; exit 1; }
mkdir -p "$KIT" && cp -rT "$KIT_SRC" "$KIT" && chmod -R u+w "$KIT"
[ -d "$KIT/loadgen/node_modules/undici" ] || (cd "$KIT/loadgen" && npm ci --no-audit --no-fund >/dev/null)
export BENCH_RUN_DIR="${BENCH_RUN_DIR:-/tmp/llm-bench}"

# ------------------------------------------------------------------ the jar
JAR="${ROUTER_JAR:-$REPO/target/router4ai.jar}"
if [ ! -f "$JAR" ] && [ -z "${ROUTER_JAR:-}" ]; then
  say "building $JAR"
  (cd "$REPO" && ./mvnw -q -B -DskipTests package)
fi

# ------------------------------------------------------------------ processes we start, stopped by PID
ROUTER_PID=""; STARTED_MOCK=0; SAMPLER_PID=""; SCHEMA=""; REDIS_PREFIX=""; DATA_DIR=""
cleanup() {
  [ -n "$SAMPLER_PID" ] && kill "$SAMPLER_PID" 2>/dev/null || true
  stop_router
  [ "$STARTED_MOCK" = 1 ] && "$KIT/mock/stop.sh" >>"$OUT/run.log" 2>&1 || true
  if [ -n "$SCHEMA" ]; then
    psql -q -h 127.0.0.1 -U postgres -d test -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >>"$OUT/run.log" 2>&1 || true
  fi
  if [ -n "$REDIS_PREFIX" ]; then
    redis-cli -h 127.0.0.1 --scan --pattern "$REDIS_PREFIX*" | xargs -r -n 500 redis-cli -h 127.0.0.1 del >/dev/null 2>&1 || true
  fi
  [ -n "$DATA_DIR" ] && rm -rf "$DATA_DIR"
}
stop_router() {
  if [ -n "$ROUTER_PID" ] && kill -0 "$ROUTER_PID" 2>/dev/null; then
    kill -TERM "$ROUTER_PID"
    for _ in $(seq 600); do kill -0 "$ROUTER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$ROUTER_PID" 2>/dev/null && { say "router did not stop in 60 s, killing pid $ROUTER_PID"; kill -KILL "$ROUTER_PID"; }
    say "router stopped (pid $ROUTER_PID)"
  fi
  ROUTER_PID=""
}
trap cleanup EXIT

if [ -f "$BENCH_RUN_DIR/mock/master.pid" ] && kill -0 "$(cat "$BENCH_RUN_DIR/mock/master.pid")" 2>/dev/null; then
  say "mock already running (pid $(cat "$BENCH_RUN_DIR/mock/master.pid")), reusing it"
else
  MOCK_SLOW_MS=50 "$KIT/mock/start.sh" >>"$OUT/run.log" 2>&1; STARTED_MOCK=1
  say "mock started (pid $(cat "$BENCH_RUN_DIR/mock/master.pid"))"
fi

# ------------------------------------------------------------------ storage
ADMIN_TOKEN="bench-admin-$RANDOM$RANDOM"
# The bench tenant's trial is made big enough for millions of requests: with the default 1M tokens the
# 402 quota check (which stays on the path, like every other step) would refuse it after ~48k requests.
ENV=(PORT="$PORT" OPENAI_BASE_URL="http://127.0.0.1:$UP_PORT/v1" OPENAI_API_KEY=sk-bench ROUTER_ADMIN_TOKEN="$ADMIN_TOKEN"
     ROUTER_TRIAL_TOKENS=100000000000)
ARGS=()
if [ "$STORAGE" = h2 ]; then
  DATA_DIR="$(mktemp -d /tmp/router4ai-bench-data.XXXXXX)"
  ENV+=(ROUTER_DATA_DIR="$DATA_DIR")
  ARGS+=(--router.ratelimit.backend=local --router.cache.backend=local)
else
  SCHEMA="bench_$(date +%s)_$$"
  REDIS_PREFIX="router4ai-bench-$SCHEMA:"
  ENV+=(SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$SCHEMA"
        SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD="${PGPASSWORD:-}"
        SPRING_DATA_REDIS_URL=redis://127.0.0.1:6379)
  ARGS+=(--spring.flyway.schemas="$SCHEMA" --spring.flyway.create-schemas=true
         --router.ratelimit.redis-key-prefix="${REDIS_PREFIX}rl:" --router.cache.redis-key-prefix="${REDIS_PREFIX}cache:")
fi
TARGET_PATH=/v1/chat/completions; TARGET_NAME=router4ai
if [ "$BARE" = 1 ]; then
  ARGS+=(--camel.main.routes-include-pattern="classpath:routes/*.yaml,file:$REPO/bench/bare-proxy.yaml"
         --bench.bare.upstream="http://127.0.0.1:$UP_PORT/v1/chat/completions")
  TARGET_PATH=/bench-bare/v1/chat/completions; TARGET_NAME=bare-camel
fi

# ------------------------------------------------------------------ start, time to ready
JOPTS=(${ROUTER_JAVA_OPTS:-})
if [ -n "${ROUTER_JFR_OPTS:-}" ]; then
  JOPTS+=("-XX:StartFlightRecording=$ROUTER_JFR_OPTS")
fi
say "starting router ($STORAGE, upstream :$UP_PORT) on :$PORT; JVM flags: ${JOPTS[*]:-none}"
T0=$(date +%s%N)
env "${ENV[@]}" "$JAVA" "${JOPTS[@]+"${JOPTS[@]}"}" -jar "$JAR" "${ARGS[@]}" >"$OUT/logs/router.log" 2>&1 &
ROUTER_PID=$!
READY_MS=""
for _ in $(seq 3000); do   # 60 s at most
  if curl -fsS -m 1 "http://127.0.0.1:$PORT/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; then
    READY_MS=$(( ($(date +%s%N) - T0) / 1000000 )); break
  fi
  kill -0 "$ROUTER_PID" 2>/dev/null || { say "router exited during start-up; see $OUT/logs/router.log"; tail -20 "$OUT/logs/router.log" >&2; exit 1; }
  sleep 0.02
done
[ -n "$READY_MS" ] || { say "router not UP after 60 s"; exit 1; }
rss_kb() { awk '/^VmRSS/{print $2}' "/proc/$ROUTER_PID/status"; }
hwm_kb() { awk '/^VmHWM/{print $2}' "/proc/$ROUTER_PID/status"; }
threads() { awk '/^Threads/{print $2}' "/proc/$ROUTER_PID/status"; }
RSS_READY=$(rss_kb); THREADS_READY=$(threads)
STARTED_LINE="$(grep -m1 -o 'Started Router4aiApplication in .*' "$OUT/logs/router.log" || true)"
say "ready in ${READY_MS} ms (process start to /actuator/health UP); RSS $((RSS_READY / 1024)) MiB; $STARTED_LINE"

# ------------------------------------------------------------------ tenant, key, limits
BASE="http://127.0.0.1:$PORT"
admin() { curl -fsS -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' "$@"; }
TENANT=$(admin "$BASE/admin/v1/tenants" -d '{"name":"bench","email":"bench@router4ai.invalid"}' | jq -r .id)
KEY=$(admin "$BASE/admin/v1/tenants/$TENANT/keys" -d '{"name":"bench"}' | jq -r .key)
PATCH='{"rate_limit_rps":100000,"rate_limit_burst":100000'
[ "$CACHE" = 1 ] || PATCH+=',"cache_enabled":false'
admin -X PATCH "$BASE/admin/v1/tenants/$TENANT" -d "$PATCH}" >"$OUT/logs/tenant.json"
say "tenant $TENANT, key ${KEY:0:25}…, limits $(jq -c '{rate_limit_rps,rate_limit_burst,cache_enabled}' "$OUT/logs/tenant.json" 2>/dev/null || cat "$OUT/logs/tenant.json")"
curl -fsS "$BASE$TARGET_PATH" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
  --data-binary @"$KIT/payloads/chat.json" >"$OUT/logs/sanity.json"
jq -e --argjson bare "$BARE" '.object == "chat.completion" and ($bare == 1 or ._ram.provider_used == "openai")' "$OUT/logs/sanity.json" >/dev/null \
  || { say "sanity request failed: $(head -c 300 "$OUT/logs/sanity.json")"; exit 1; }
say "sanity ok: _ram $(jq -c ._ram "$OUT/logs/sanity.json")"

# ------------------------------------------------------------------ 1 s samples: RSS, threads, ledger backlog
backlog() { curl -fsS -m 1 "$BASE/actuator/metrics/router.ledger.backlog" 2>/dev/null | jq -r '.measurements[0].value // "null"' 2>/dev/null || echo null; }
( echo -e "epoch_ms\trss_kb\tthreads\tledger_backlog"
  while kill -0 "$ROUTER_PID" 2>/dev/null; do
    echo -e "$(date +%s%3N)\t$(rss_kb 2>/dev/null)\t$(threads 2>/dev/null)\t$(backlog)"; sleep 1
  done ) >"$OUT/samples.tsv" 2>/dev/null &
SAMPLER_PID=$!

# ------------------------------------------------------------------ warm-up (not recorded)
if [ "$WARM" -gt 0 ]; then
  say "warm-up: ${WARM}s at 1000 rps non-streaming, then $(( WARM / 4 + 1 ))s at 100 rps streaming"
  timeout $((WARM + 30)) node "$KIT/loadgen/openloop.mjs" --url "$BASE$TARGET_PATH" --rate 1000 \
    --duration "$WARM" --warmup 0 --timeout 5 --body "$KIT/payloads/chat.json" --label warm \
    --header "Authorization: Bearer $KEY" >/dev/null 2>>"$OUT/logs/warm.err" || true
  timeout $((WARM / 4 + 31)) node "$KIT/loadgen/openloop.mjs" --url "$BASE$TARGET_PATH" --rate 100 \
    --duration $(( WARM / 4 + 1 )) --warmup 0 --timeout 5 --body "$KIT/payloads/chat-stream.json" --label warm \
    --header "Authorization: Bearer $KEY" >/dev/null 2>>"$OUT/logs/warm.err" || true
fi

# ------------------------------------------------------------------ the kit (JFR, if asked, covers exactly this)
if [ "${ROUTER_JFR:-0}" = 1 ]; then
  "$JAVA_HOME/bin/jcmd" "$ROUTER_PID" JFR.start name=bench settings=profile >>"$OUT/run.log" 2>&1 && say "JFR recording started"
fi
say "kit: $KIT/run.sh --target $BASE --rounds $ROUNDS --latency $LATENCY ${KIT_ARGS[*]:-}"
set +e
"$KIT/run.sh" --target "$BASE" --target-header "Authorization: Bearer $KEY" --target-name "$TARGET_NAME" --target-path "$TARGET_PATH" \
  --target-pid "$ROUTER_PID" --rounds "$ROUNDS" --latency "$LATENCY" --out "$OUT/kit" "${KIT_ARGS[@]+"${KIT_ARGS[@]}"}"
KIT_RC=$?
set -e

# ------------------------------------------------------------------ after the load: ledger drained? memory?
RSS_END=$(rss_kb); HWM=$(hwm_kb); THREADS_END=$(threads)
if [ "${ROUTER_JFR:-0}" = 1 ]; then
  "$JAVA_HOME/bin/jcmd" "$ROUTER_PID" JFR.stop name=bench filename="$OUT/router.jfr" >>"$OUT/run.log" 2>&1 || true
fi
DRAIN_MS=0; T1=$(date +%s%N); BL=$(backlog)
while [ "$BL" != "null" ] && [ "${BL%.*}" -gt 0 ] && [ $(( ($(date +%s%N) - T1) / 1000000 )) -lt 30000 ]; do sleep 0.2; BL=$(backlog); done
DRAIN_MS=$(( ($(date +%s%N) - T1) / 1000000 ))
kill "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""
MAX_BACKLOG=$(awk -F'\t' 'NR>1 && $4!="null" && $4+0>m{m=$4+0} END{print m+0}' "$OUT/samples.tsv")
stop_router
jq -n --arg storage "$STORAGE" --argjson latency "$LATENCY" --argjson ready_ms "$READY_MS" --arg started "$STARTED_LINE" \
  --argjson rss_ready_kb "$RSS_READY" --argjson rss_end_kb "$RSS_END" --argjson rss_peak_kb "$HWM" \
  --argjson threads_ready "$THREADS_READY" --argjson threads_end "$THREADS_END" \
  --argjson ledger_backlog_max "$MAX_BACKLOG" --arg ledger_backlog_end "$BL" --argjson ledger_drain_ms "$DRAIN_MS" \
  --arg java "$("$JAVA" -version 2>&1 | head -1)" --arg java_opts "${JOPTS[*]:-}" \
  --arg commit "$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo -)" --argjson kit_rc "$KIT_RC" \
  '{storage:$storage, mock_latency_ms:$latency, startup_to_ready_ms:$ready_ms, started_log:$started,
    rss_ready_kb:$rss_ready_kb, rss_end_kb:$rss_end_kb, rss_peak_kb:$rss_peak_kb,
    threads_ready:$threads_ready, threads_end:$threads_end, ledger_backlog_max:$ledger_backlog_max,
    ledger_backlog_after_load:$ledger_backlog_end, ledger_drain_ms:$ledger_drain_ms,
    java:$java, java_opts:$java_opts, commit:$commit, kit_exit:$kit_rc}' >"$OUT/router.json"
if [ -f "$OUT/router.jfr" ]; then
  "$JAVA_HOME/bin/jfr" view --width 160 hot-methods "$OUT/router.jfr" >"$OUT/jfr-hot-methods.txt" 2>&1 || true
  "$JAVA_HOME/bin/jfr" view --width 160 allocation-by-class "$OUT/router.jfr" >"$OUT/jfr-allocation-by-class.txt" 2>&1 || true
  "$JAVA_HOME/bin/jfr" view --width 160 allocation-by-site "$OUT/router.jfr" >"$OUT/jfr-allocation-by-site.txt" 2>&1 || true
  python3 "$REPO/bench/jfr-top.py" "$OUT/router.jfr" >"$OUT/jfr-top.txt" 2>&1 || true
  say "JFR: $OUT/router.jfr (views in $OUT/jfr-*.txt)"
fi
say "router: $(jq -c . "$OUT/router.json")"
say "results: $OUT (kit table: $OUT/kit/summary.md)"
exit "$KIT_RC"
