#!/usr/bin/env bash
# og-generator vs satori + @resvg/resvg-js on a comparable card (same text, same Noto Sans
# font, gradient background), in interleaved rounds; prints the median ms per image.
#   bench/og_vs_satori.sh [ROUNDS] [IMAGES_PER_ROUND]
# Needs node; installs satori and @resvg/resvg-js into $OG_BENCH_DIR (default /tmp/bench-og).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
images=${2:-20}
dir=${OG_BENCH_DIR:-/tmp/bench-og}
mkdir -p "$dir"
[ -d "$dir/node_modules/satori" ] || (cd "$dir" && npm install --silent satori @resvg/resvg-js)
cp bench/og_satori.mjs "$dir/og_satori.mjs"
cargo build -q --release -p toolshub-tools --example og_bench
fonts="$PWD/crates/tools/src/og/fonts"
ours=() theirs=()
for round in $(seq "$rounds"); do
  read -r ms ours_bytes < <(target/release/examples/og_bench "$images")
  ours+=("$ms")
  read -r ms theirs_bytes < <(cd "$dir" && node og_satori.mjs "$fonts" "$images")
  theirs+=("$ms")
  echo "round $round: og-generator ${ours[-1]} ms, satori+resvg ${theirs[-1]} ms"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
m_ours=$(median "${ours[@]}")
m_theirs=$(median "${theirs[@]}")
echo
echo "| renderer | median ms/image | PNG bytes |"
echo "|---|---|---|"
echo "| og-generator (Rust) | $m_ours | $ours_bytes |"
echo "| satori + @resvg/resvg-js | $m_theirs | $theirs_bytes |"
awk -v a="$m_ours" -v b="$m_theirs" 'BEGIN {printf "\nratio og-generator / satori: %.2fx (target <= 0.5x)\n", a / b}'
