#!/usr/bin/env bash
# Paired A/B of two router jars: both run at once (H2, in-process limits, cache off, the same tenant settings as
# bench/run.sh) against the kit's mock; closed-loop wrk runs (32 connections) alternate between them, the order
# flipping each round, and each JVM's CPU per request is read from /proc (utime + stime). Both see the same machine
# noise, so the medians compare where separate bench/run.sh runs (minutes apart on a shared machine) cannot.
#
#   bench/ab.sh JAR_A JAR_B [ROUNDS=8] [SECONDS=8]
#   environment:
#     JOPTS_A, JOPTS_B   JVM flags for each (e.g. the OTEL_* system properties for a tracing-on B)
#     JFR=1              record both with JFR (settings=profile) over the measured rounds: /tmp/ab-a.jfr, /tmp/ab-b.jfr
#     AB_PAYLOAD         the kit payload to send (default chat.json; chat-stream.json for streams)
#     BENCH_KIT_COPY     the kit copy bench/run.sh made (default /tmp/router4ai-bench-kit: run bench/run.sh once first)
#
# Prints one line per round (req/s, CPU µs per request, non-2xx for A and B) and the medians.
set -euo pipefail
A="$1"; B="$2"; ROUNDS="${3:-8}"; SECS="${4:-8}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
KIT="${BENCH_KIT_COPY:-/tmp/router4ai-bench-kit}"; export BENCH_RUN_DIR="${BENCH_RUN_DIR:-/tmp/llm-bench}"
[ -f "$KIT/payloads/chat.json" ] || { echo "no kit copy at $KIT: run bench/run.sh --smoke once" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 1; }
if ! { [ -f "$BENCH_RUN_DIR/mock/master.pid" ] && kill -0 "$(cat "$BENCH_RUN_DIR/mock/master.pid")" 2>/dev/null; }; then
  MOCK_SLOW_MS=50 "$KIT/mock/start.sh" >/dev/null 2>&1
fi
PIDS=(); DIRS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do for _ in $(seq 300); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done; done
  for d in "${DIRS[@]}"; do rm -rf "$d"; done
}
trap cleanup EXIT
start() { # jar port flags
  local dir; dir=$(mktemp -d /tmp/ab-data.XXXXXX); DIRS+=("$dir")
  # shellcheck disable=SC2086
  env PORT="$2" OPENAI_BASE_URL=http://127.0.0.1:18080/v1 OPENAI_API_KEY=sk-bench ROUTER_ADMIN_TOKEN=ab-admin \
      ROUTER_TRIAL_TOKENS=100000000000 ROUTER_DATA_DIR="$dir" "$JAVA_HOME/bin/java" $3 -jar "$1" \
      --router.ratelimit.backend=local --router.cache.backend=local >"$dir.log" 2>&1 &
  PIDS+=($!)
}
start "$A" 18481 "${JOPTS_A:-}"; start "$B" 18482 "${JOPTS_B:-}"
for port in 18481 18482; do
  for _ in $(seq 1800); do curl -fsS -m 1 "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"status":"UP"' && break; sleep 0.1; done
done
admin() { curl -fsS -H 'Authorization: Bearer ab-admin' -H 'Content-Type: application/json' "$@"; }
script() { # port -> wrk script with a fresh tenant's key
  local base="http://127.0.0.1:$1" tenant key
  tenant=$(admin "$base/admin/v1/tenants" -d '{"name":"ab","email":"ab@router4ai.invalid"}' | jq -r .id)
  key=$(admin "$base/admin/v1/tenants/$tenant/keys" -d '{"name":"ab"}' | jq -r .key)
  admin -X PATCH "$base/admin/v1/tenants/$tenant" -d '{"rate_limit_rps":100000,"rate_limit_burst":100000,"cache_enabled":false}' >/dev/null
  cat >"/tmp/ab-$1.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $key"
local f = io.open("$KIT/payloads/${AB_PAYLOAD:-chat.json}", "rb"); wrk.body = f:read("*a"); f:close()
LUA
}
script 18481; script 18482
TICK_US=$((1000000 / $(getconf CLK_TCK)))
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
run() { # port pid seconds -> "req/s cpu_us_per_request non2xx"
  local c0 c1 out reqs
  c0=$(cpu "$2"); out=$(wrk -t2 -c32 -d"$3"s -s "/tmp/ab-$1.lua" "http://127.0.0.1:$1/v1/chat/completions" 2>&1); c1=$(cpu "$2")
  reqs=$(awk '/requests in/{print $1}' <<<"$out")
  echo "$(awk '/Requests\/sec/{print $2}' <<<"$out") $(( (c1 - c0) * TICK_US / reqs )) $(awk '/Non-2xx/{print $NF}' <<<"$out" | grep . || echo 0)"
}
echo "warm-up (JIT): 4 x 15 s each, alternating"
for _ in 1 2 3 4; do run 18481 "${PIDS[0]}" 15 >/dev/null; run 18482 "${PIDS[1]}" 15 >/dev/null; done
if [ "${JFR:-0}" = 1 ]; then
  "$JAVA_HOME/bin/jcmd" "${PIDS[0]}" JFR.start name=ab settings=profile filename=/tmp/ab-a.jfr >/dev/null
  "$JAVA_HOME/bin/jcmd" "${PIDS[1]}" JFR.start name=ab settings=profile filename=/tmp/ab-b.jfr >/dev/null
fi
echo -e "round\tA req/s\tA µs/req\tA non-2xx\tB req/s\tB µs/req\tB non-2xx"
RES=()
for r in $(seq "$ROUNDS"); do
  if [ $((r % 2)) = 1 ]; then ra=$(run 18481 "${PIDS[0]}" "$SECS"); rb=$(run 18482 "${PIDS[1]}" "$SECS")
  else rb=$(run 18482 "${PIDS[1]}" "$SECS"); ra=$(run 18481 "${PIDS[0]}" "$SECS"); fi
  echo -e "$r\t${ra// /$'\t'}\t${rb// /$'\t'}"; RES+=("$ra $rb")
done
if [ "${JFR:-0}" = 1 ]; then
  "$JAVA_HOME/bin/jcmd" "${PIDS[0]}" JFR.stop name=ab >/dev/null; "$JAVA_HOME/bin/jcmd" "${PIDS[1]}" JFR.stop name=ab >/dev/null
fi
printf '%s\n' "${RES[@]}" | python3 -c '
import sys, statistics as st
rows = [list(map(float, l.split())) for l in sys.stdin if l.strip()]
m = lambda i: st.median(r[i] for r in rows)
print(f"median\tA {m(0):.0f} req/s {m(1):.0f} µs/req\tB {m(3):.0f} req/s {m(4):.0f} µs/req\tB/A: req/s {m(3)/m(0):.3f}, µs/req {m(4)/m(1):.3f}")'
