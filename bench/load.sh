#!/usr/bin/env bash
# Load benchmark (not a test). In one run, at $CONNECTIONS connections for $DURATION each:
#   (a) a bare axum handler returning the same envelope (the ceiling on this machine),
#   (b) Tools Hub embedded (SQLite + in-process limiter),
#   (c) Tools Hub on PostgreSQL + Redis,
# all with a limit too high to trip, and prints each as a ratio of (a).
# The machine is shared and noisy: the three setups run in interleaved rounds and each
# row is the round with the median throughput.
# Usage: bench/load.sh            (DURATION=10s CONNECTIONS=32 THREADS=1 ROUNDS=3 by default)
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-1}"
ROUNDS="${ROUNDS:-3}"
PG_URL="${PG_URL:-postgres://postgres@127.0.0.1:5432}"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
cargo build --release -q -p toolshub -p toolshub-bench

work="$(mktemp -d)"
pids=()
database="toolshub_bench_$$"
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  psql -q "$PG_URL/postgres" -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

wait_until_up() {
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "http://127.0.0.1:$1$2" && return 0
    sleep 0.1
  done
  echo "server on port $1 did not start" >&2; exit 1
}

# Signs up on the Tools Hub at port $1 and prints a new API key.
new_key() {
  local base="http://127.0.0.1:$1" jar="$work/jar-$1"
  curl -sf -c "$jar" "$base/api/auth/signup" -H 'content-type: application/json' \
    -d '{"email":"bench@example.com","password":"benchmark password"}' >/dev/null
  curl -sf -b "$jar" -X POST "$base/api/account/api-keys" | sed -E 's/.*"key":"(pk_[0-9a-f]+)".*/\1/'
}

# Runs wrk against port $1 with key $2; prints "RESULT rps p50 p99 non2xx requests".
load() {
  local url="http://127.0.0.1:$1/api/tools/case-converter"
  KEY="$2" wrk -t1 -c"$CONNECTIONS" -d2s -s bench/wrk-tool-call.lua "$url" >/dev/null
  KEY="$2" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s bench/wrk-tool-call.lua "$url" | grep '^RESULT'
}

start_toolshub() {
  local port="$1"; shift
  env PORT="$port" FREE_RATE_LIMIT=1000000000 ${EXTRA_ENV:-} "$@" \
    target/release/toolshub >"$work/toolshub-$port.log" 2>&1 &
  pids+=("$!")
  wait_until_up "$port" /healthz
}

target/release/bare 3301 & pids+=("$!")
wait_until_up 3301 /
start_toolshub 3302 DATABASE_URL="sqlite://$work/bench.db"
key_b="$(new_key 3302)"
psql -q "$PG_URL/postgres" -c "CREATE DATABASE $database" >/dev/null
start_toolshub 3303 DATABASE_URL="$PG_URL/$database" REDIS_URL="$REDIS_URL" REDIS_KEY_PREFIX="bench$$:"
key_c="$(new_key 3303)"

for round in $(seq 1 "$ROUNDS"); do
  load 3301 '' >>"$work/a"
  load 3302 "$key_b" >>"$work/b"
  load 3303 "$key_c" >>"$work/c"
  echo "round $round of $ROUNDS done" >&2
done
median() { sort -k2,2n "$1" | sed -n "$(( (ROUNDS + 1) / 2 ))p"; }
a="$(median "$work/a")"; b="$(median "$work/b")"; c="$(median "$work/c")"

base_rps="$(echo "$a" | awk '{print $2}')"
echo
echo "Load: POST /api/tools/case-converter, $CONNECTIONS connections, $DURATION x $ROUNDS rounds (median), wrk -t$THREADS, $(nproc) cores"
echo
echo "| setup | requests/s | p50 ms | p99 ms | errors/non-2xx | ratio to (a) |"
echo "|---|---:|---:|---:|---:|---:|"
row() { echo "$2" | awk -v name="$1" -v base="$base_rps" \
  '{printf "| %s | %d | %.2f | %.2f | %d | %.2f |\n", name, $2, $3, $4, $5, $2 / base}'; }
row "(a) bare axum handler" "$a"
row "(b) Tools Hub, SQLite + in-process limiter" "$b"
row "(c) Tools Hub, PostgreSQL + Redis" "$c"
