#!/usr/bin/env bash
# Scan speed on hostile inputs relative to plain text, natively and in wasm (issue 13).
#
# The inputs come from crates/keyward-core/tests/hostile (built from the catalogue itself: keyword
# floods, glued and near-missed examples, character runs, JWT fragment chains, unterminated key
# blocks, decoder floods...), SIZE bytes each; `plain.txt` is real source code of the same size.
# The native core is built with the `std` feature, as the CLI ships it (run-time SIMD detection:
# without it the block scan is scalar and plain text runs at a third of its speed, which made the
# ratios of earlier runs look 3x better than they are).
# For each input: MB/s and its ratio to plain text (native core, then the npm package's wasm in
# Node), work counted by the core per input byte, how much longer the whole input takes than its
# first half natively (about 2 if linear, 4 if quadratic), findings, and whether a cap truncated
# the scan.
# A scan slower than TIMEOUT seconds is killed and reported as `timeout`.
#
# Usage: bench/hostile.sh [SIZE] [TIMEOUT]   (default 2 MiB, 120 s)
#   NO_WASM=1 skips the wasm column (no packages/keyward build needed).
set -euo pipefail
cd "$(dirname "$0")/.."

size="${1:-2097152}"
timeout_s="${2:-120}"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

cargo build -q --release -p keyward-core --features std,catalogue-examples --example hostile
bin=target/release/examples/hostile
"$bin" write "$dir" "$size"

if [[ "${NO_WASM:-0}" != 1 ]]; then
  make -s npm >&2
  HOSTILE_TIMEOUT_S="$timeout_s" node bench/hostile-wasm.mjs "$dir" > "$dir/wasm.tsv"
fi

echo "inputs: $size bytes each; machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-52s %9s %7s %9s %7s %7s %6s %9s %5s\n' input "native" "x plain" "wasm" "x plain" "work/B" "x2 len" findings trunc
plain_native="" plain_wasm=""
while IFS=$'\t' read -r file name; do
  native=$(timeout "$timeout_s" "$bin" measure "$dir/$file" || echo "timeout")
  IFS=$'\t' read -r mbs work findings truncated growth <<<"$native"
  wasm_mbs="-"
  if [[ -f "$dir/wasm.tsv" ]]; then
    wasm_mbs=$(awk -F'\t' -v f="$file" '$1 == f { print $2 }' "$dir/wasm.tsv")
  fi
  [[ "$file" == plain.txt ]] && plain_native="$mbs" plain_wasm="$wasm_mbs"
  ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.3f", a / b; else print "-" }'; }
  printf '%-52s %9s %7s %9s %7s %7s %6s %9s %5s\n' "${name:0:52}" "$mbs" "$(ratio "$mbs" "$plain_native")" \
    "${wasm_mbs%% *}" "$(ratio "$wasm_mbs" "$plain_wasm")" "${work:--}" "${growth:--}" "${findings:--}" "${truncated:--}"
done < "$dir/index.tsv"
