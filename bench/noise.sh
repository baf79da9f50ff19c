#!/usr/bin/env bash
# False-alarm rate on real third-party code: scans trees of vendored source that contain no
# live credentials (the crates in ~/.cargo/registry/src, npm node_modules trees), then prints
# findings per 100 MB by confidence, the rules that fired, and every medium/high finding
# (redacted) for review. The JSON reports stay in target/noise/ (NOISE_OUT overrides) so two
# runs can be compared; KEYWARD=path/to/keyward measures another build (e.g. an older commit's).
# Usage: bench/noise.sh [TREE...]   (used by `make eval`)
set -euo pipefail
cd "$(dirname "$0")/.."
keyward=${KEYWARD:-./target/release/keyward}
[ -n "${KEYWARD:-}" ] || cargo build --release -q -p keyward-cli
trees=("$@")
if [ ${#trees[@]} -eq 0 ]; then
  for t in "$HOME/.cargo/registry/src" vscode-extension/node_modules web-demo/node_modules \
           "$HOME/.cache/keyward-tools/npm/node_modules" "$HOME/.cache/keyward-tools/code-server/node_modules"; do
    [ -d "$t" ] && trees+=("$t")
  done
fi
out=${NOISE_OUT:-target/noise}
rm -rf "$out" && mkdir -p "$out"
for t in "${trees[@]}"; do
  name=$(echo "$t" | tr '/' '_')
  # exit 1 means findings, which is what we are counting
  "$keyward" scan --no-ignore --format json "$t" > "$out/$name.json" 2> "$out/$name.log" || [ $? -eq 1 ]
done
python3 bench/noise_summary.py "$out"
