#!/usr/bin/env bash
# Image-resizer benchmark (not a test). In one run:
#   1. time per image, ours vs sharp (npm, libvips), one thread each, interleaved rounds:
#      a 2725×2225 JPEG → 720×588 JPEG q80 and the same pixels as PNG → 720×588 PNG
#      (Lanczos3, cover; inputs are generated, deterministic);
#   2. throughput over HTTP: the release server, $CLIENTS concurrent clients posting the JPEG;
#   3. the server's peak memory (VmHWM) while resizing a 40-megapixel JPEG.
# Needs node and npm; installs sharp into $SHARP_DIR (outside the repo) if missing.
# Usage: bench/resize.sh   (ROUNDS=5 RUNS=9 CLIENTS=4 DURATION=10 by default)
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS="${ROUNDS:-5}"
RUNS="${RUNS:-9}"
CLIENTS="${CLIENTS:-4}"
SECONDS_PER_LOAD="${DURATION:-10}"
SHARP_DIR="${SHARP_DIR:-/tmp/toolshub-bench-node}"
PORT="${PORT:-3311}"

if [ ! -d "$SHARP_DIR/node_modules/sharp" ]; then
  mkdir -p "$SHARP_DIR"
  (cd "$SHARP_DIR" && npm init -y >/dev/null && npm install --silent sharp >/dev/null)
fi
export NODE_PATH="$SHARP_DIR/node_modules"
cargo build --release -q -p toolshub -p toolshub-bench

work="$(mktemp -d)"
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

target/release/resize inputs "$work"
median() { sort -n "$1" | sed -n "$(( (ROUNDS + 1) / 2 ))p"; }

# 1. Per image, interleaved: ours then sharp, ROUNDS times; each number a median of RUNS.
for round in $(seq 1 "$ROUNDS"); do
  for case in "photo.jpg jpeg" "photo.png png"; do
    set -- $case
    target/release/resize time "$work/$1" 720 588 "$2" "$RUNS" >>"$work/ours-$2"
    node bench/sharp-resize.js "$work/$1" 720 588 "$2" "$RUNS" >>"$work/sharp-$2"
  done
  echo "round $round of $ROUNDS done" >&2
done
echo
echo "Per image, one thread each, median of $ROUNDS rounds × $RUNS runs, $(nproc) cores"
echo
echo "| case | Tools Hub ms | sharp ms | ratio (≤ 1.0 is the target) |"
echo "|---|---:|---:|---:|"
for format in jpeg png; do
  ours="$(median "$work/ours-$format")"; theirs="$(median "$work/sharp-$format")"
  awk -v f="$format" -v o="$ours" -v s="$theirs" \
    'BEGIN { printf "| 2725×2225 %s → 720×588 %s | %.1f | %.1f | %.2f |\n", f, f, o, s, o / s }'
done

# 2. Over HTTP.
start_server() {
  env PORT="$PORT" DATABASE_URL="sqlite://$work/bench.db" FREE_RATE_LIMIT=1000000000 \
    target/release/toolshub >>"$work/server.log" 2>&1 &
  server="$!"
  for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.1; done
}
start_server
base="http://127.0.0.1:$PORT"
curl -sf -c "$work/jar" "$base/api/auth/signup" -H 'content-type: application/json' \
  -d '{"email":"bench@example.com","password":"benchmark password"}' >/dev/null
key="$(curl -sf -b "$work/jar" -X POST "$base/api/account/api-keys" | sed -E 's/.*"key":"(pk_[0-9a-f]+)".*/\1/')"
url="$base/api/tools/image-resizer"
node bench/resize-http.js "$url" "$key" "$work/photo.jpg" "$CLIENTS" 2 >/dev/null
result="$(node bench/resize-http.js "$url" "$key" "$work/photo.jpg" "$CLIENTS" "$SECONDS_PER_LOAD")"
echo
echo "Over HTTP: $CLIENTS clients, ${SECONDS_PER_LOAD} s, multipart 2725×2225 JPEG → 720×588 JPEG, raw bytes back"
echo
echo "| images/s | p50 ms | p99 ms | non-2xx |"
echo "|---:|---:|---:|---:|"
echo "$result" | awk '{printf "| %s | %s | %s | %s |\n", $2, $3, $4, $5}'

# 3. Peak memory for the largest input, on a freshly started server.
kill "$server"; wait "$server" 2>/dev/null || true
start_server
hwm() { awk '/VmHWM/ {print $2}' "/proc/$server/status"; }
before="$(hwm)"
status="$(curl -s -o /dev/null -w '%{http_code}' -H "authorization: Bearer $key" -H 'accept: image/*' \
  -F width=720 -F format=jpeg -F "file=@$work/max.jpg" "$url")"
after="$(hwm)"
pixels="$(node -e "require('sharp')('$work/max.jpg').metadata().then(m => console.log(m.width + '×' + m.height))")"
echo
echo "Peak memory: resizing the $pixels JPEG ($(stat -c %s "$work/max.jpg") bytes) to 720 px wide answered $status;"
echo "server VmHWM $((before / 1024)) MiB before, $((after / 1024)) MiB after."
